//go:build unix

package farm

import (
	"syscall"
	"time"
)

// processCPU is the CPU time, in seconds, of this process, of its children
// that ended, and of those still running where the system says (Linux):
// an estimate's samples read the cores their renders really got from it,
// a renderer in this process (the path tracer) or in children (Blender's
// warm process).
func processCPU() float64 {
	total := liveChildrenCPU()
	for _, who := range []int{syscall.RUSAGE_SELF, syscall.RUSAGE_CHILDREN} {
		var ru syscall.Rusage
		if syscall.Getrusage(who, &ru) == nil {
			total += time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
		}
	}
	return total
}
