// Filled by the bus work.
