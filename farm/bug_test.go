package farm

// An illegal state change in a test of this package (internal or external:
// they share the test binary) panics instead of being logged.
func init() { panicOnBug = true }
