// Filled by the Redis work.
