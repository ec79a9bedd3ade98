//go:build unix

package pathtracer

import (
	"syscall"
	"testing"
)

// BenchmarkNodeBomb refuses a 30 MB file of 10 million empty nodes (the
// issue's 40 MB one took 8.2 GB to render before scenes had limits). It reports
// the process's peak RSS (ru_maxrss), which includes the file itself held
// in memory; allocations per refusal come with -benchmem.
func BenchmarkNodeBomb(b *testing.B) {
	data := emptyNodes("nodes", 10_000_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseScene("bomb.gltf", data, DefaultLimits()); err == nil {
			b.Fatal("the bomb was accepted")
		}
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MB")
	}
}
