package farm

import (
	"os"

	"github.com/prometheus/procfs"
)

// liveChildrenCPU is the CPU time, in seconds, of this process's children
// still running (getrusage counts only those that ended).
func liveChildrenCPU() float64 {
	procs, err := procfs.AllProcs()
	if err != nil {
		return 0
	}
	self := os.Getpid()
	var total float64
	for _, p := range procs {
		st, err := p.Stat()
		if err == nil && st.PPID == self {
			total += st.CPUTime()
		}
	}
	return total
}
