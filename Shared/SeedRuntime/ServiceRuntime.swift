// Filled by the runtime work.
