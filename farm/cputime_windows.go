//go:build !unix

package farm

// processCPU is 0 where this build does not read CPU time: an estimate
// then takes every thread of a sample render as busy.
func processCPU() float64 { return 0 }
