package farm_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/conun/conun/farm/farmtest"
)

// envFlood sets how many slow connections TestFloodOfSlowConnections opens.
const envFlood = "CONUN_SLOW_CONNS"

// rssKiB is this process's resident memory.
func rssKiB(t *testing.T) int {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("NOT TESTED: needs /proc/self/status (Linux) to read memory")
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kib, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return kib
		}
	}
	return 0
}

// TestFloodOfSlowConnections is the attack at full size: with
// CONUN_SLOW_CONNS=20000, four attacker processes (each under the usual
// 20,000 file descriptor limit) open 20,000 slow connections to one node
// with its default limits, from 100 source addresses, each under the
// per-source cap: the total cap bounds them, and the crowded listener
// sheds those that sent no request in time. It reports what the node
// held, how long another source's request waited, and what was left once
// the attackers went. The node must stay under its cap, serve the other
// source, and come back to where it was.
func TestFloodOfSlowConnections(t *testing.T) {
	total, _ := strconv.Atoi(os.Getenv(envFlood))
	if total <= 0 {
		t.Skip("NOT TESTED: needs " + envFlood + "=20000 (and a machine whose ulimit -n allows the node 4096 connections more)")
	}
	const attackers, sources = 4, 100
	n := farmtest.Start(t, 1, nil)[0]
	c, tr := clientFrom(n.URL(), "127.0.0.2")
	if _, err := c.Jobs(context.Background()); err != nil {
		t.Fatal(err)
	}
	tr.CloseIdleConnections()
	fds, goroutines, rss := openFDs(t), runtime.NumGoroutine(), rssKiB(t)
	target := hostOf(t, n.URL())
	var mu sync.Mutex
	var kept, refused, unanswered int
	var all []*attacker
	var wg sync.WaitGroup
	for i := range attackers {
		var from []string
		for s := range sources / attackers {
			from = append(from, fmt.Sprintf("127.0.%d.%d", 10+i, 1+s))
		}
		wg.Go(func() {
			a := attack(t, "headers", strings.Join(from, ","), total/attackers, []string{target})
			mu.Lock()
			all = append(all, a)
			kept += a.kept[target]
			refused += a.refused[target]
			unanswered += a.unanswered[target]
			mu.Unlock()
		})
	}
	wg.Wait()
	during, rssDuring := openFDs(t), rssKiB(t)
	start := time.Now()
	_, err := c.Jobs(context.Background())
	waited := time.Since(start)
	tr.CloseIdleConnections()
	// The attackers dial for a while before they look: connections the node
	// took first may be cut by its header timeout by then, and read as
	// closed like a refused one.
	t.Logf("%d slow connections from %d sources: %d connected (held, or waiting in the backlog), %d closed by the node (refused or already cut), %d unanswered",
		total, sources, kept, refused, unanswered)
	t.Logf("node: %d -> %d file descriptors (cap %d), RSS %d -> %d MiB; another source's request answered after %v (err %v)",
		fds, during, 4096, rss>>10, rssDuring>>10, waited.Round(time.Millisecond), err)
	if err != nil {
		t.Errorf("another source's request under the flood: %v", err)
	}
	if during > fds+4096+64 {
		t.Errorf("under the flood the node holds %d file descriptors, more than %d before and its cap of 4096", during, fds)
	}
	for _, a := range all {
		a.stop()
	}
	farmtest.Until(t, "file descriptors and goroutines back near where they were", func() bool {
		return openFDs(t) <= fds+16 && runtime.NumGoroutine() <= goroutines+32
	})
	runtime.GC()
	t.Logf("after the attackers left: %d file descriptors, %d goroutines (%d before), RSS %d MiB",
		openFDs(t), runtime.NumGoroutine(), goroutines, rssKiB(t)>>10)
}
