package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
)

// BenchmarkNodeProcesses: the same path-tracer job on 1 node process and on
// 2, each node rendering with one thread (one core each), side by side; the
// speed-up is what a second machine's worth of cores buys through the
// cluster. For reference it also times 1 node using both cores.
func BenchmarkNodeProcesses(b *testing.B) {
	job := []string{"cornell", "--res", "256x192", "--samples", "32", "--tiles", "8x8", "--budget", "0"}
	run := func(t testing.TB, nodes int, threads string) time.Duration {
		first := startNode(t, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0", "--threads", threads)
		for range nodes - 1 {
			startNode(t, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0", "--threads", threads, "--join", first.gossip)
		}
		waitFor(t, 20*time.Second, func() bool {
			_, out, _ := conun(t, "nodes", "--node", first.url)
			return strings.Count(out, "\n") == nodes+1
		})
		start := time.Now()
		code, stdout, stderr := conun(t, append([]string{"submit", "--node", first.url}, job...)...)
		if code != 0 {
			t.Fatalf("submit: %s", stderr)
		}
		if state, err := api.NewClient(first.url).Events(context.Background(), strings.TrimSpace(stdout), nil); err != nil || state != api.JobDone {
			t.Fatalf("job: %s %v", state, err)
		}
		return time.Since(start)
	}
	var one, two, oneAll time.Duration
	for b.Loop() {
		one += run(b, 1, "1")
		two += run(b, 2, "1")
		oneAll += run(b, 1, "0")
	}
	b.ReportMetric(one.Seconds()/two.Seconds(), "speedup-2proc")
	b.ReportMetric(oneAll.Seconds()/two.Seconds(), "2proc-vs-1proc-allcores")
}
