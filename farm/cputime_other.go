//go:build unix && !linux

package farm

// liveChildrenCPU is 0 where running children's CPU time is not read: an
// estimate then takes a renderer in a child process as busy on every
// thread.
func liveChildrenCPU() float64 { return 0 }
