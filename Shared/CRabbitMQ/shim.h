// Swift view of rabbitmq-c 0.11 (Debian's librabbitmq-dev installs flat headers).
#ifndef SEED_CRABBITMQ_SHIM_H
#define SEED_CRABBITMQ_SHIM_H

#include <amqp.h>
#include <amqp_framing.h>
#include <amqp_tcp_socket.h>

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
