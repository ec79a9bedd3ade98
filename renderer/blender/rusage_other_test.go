//go:build !unix

package blender

import "time"

// rusageCPU has no getrusage to read off Unix: the benchmark then says it
// cannot count CPU time.
func rusageCPU() (time.Duration, bool) { return 0, false }
