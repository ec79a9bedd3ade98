//go:build !unix

package farm_test

import (
	"testing"
	"time"
)

// processCPU is 0 where getrusage is missing: BenchmarkDispatch's
// cpu-µs/task then reads 0.
func processCPU(*testing.B) time.Duration { return 0 }
