// Swift view of rabbitmq-c 0.11 (Debian's librabbitmq-dev installs flat headers).
#ifndef SEED_CRABBITMQ_SHIM_H
#define SEED_CRABBITMQ_SHIM_H

#include <amqp.h>
#include <amqp_framing.h>
#include <amqp_tcp_socket.h>

#include <pthread.h>

/// Names the calling thread as `top -H`, `perf` and debuggers show it (at most 15 bytes; a longer name
/// is refused with ERANGE). glibc declares `pthread_setname_np` only under `_GNU_SOURCE`, which Swift's
/// Glibc module does not define, so it is declared here. Returns 0 or an errno value.
static inline int seed_amqp_name_this_thread(const char *name) {
    extern int pthread_setname_np(pthread_t thread, const char *name);
    return pthread_setname_np(pthread_self(), name);
}

/// `amqp_login` is C-variadic, which Swift cannot call: this wrapper fixes the
/// SASL method to PLAIN and passes the user name and password through.
static inline amqp_rpc_reply_t seed_amqp_login_plain(amqp_connection_state_t state,
                                                     const char *vhost,
                                                     int channel_max,
                                                     int frame_max,
                                                     int heartbeat,
                                                     const char *user,
                                                     const char *password) {
    return amqp_login(state, vhost, channel_max, frame_max, heartbeat,
                      AMQP_SASL_METHOD_PLAIN, user, password);
}

#endif
