package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
)

// instantRenderer answers every task at once with farmtest.FlatTile, so
// a benchmark measures the farm's own cost per task. A node started with
// CONUN_TEST_INSTANT=1 renders with it, under its real renderer's name,
// release and scene inspection.
type instantRenderer struct{ renderer.Renderer }

func (instantRenderer) Render(_ context.Context, t renderer.Task) (renderer.Result, error) {
	return farmtest.FlatTile(t), nil
}

// coordProfile names a file for the coordinator process's CPU profile in
// BenchmarkCoordinatorCPU (the benchmark's own -cpuprofile sees only the
// test process, which starts the nodes and submits the jobs).
var coordProfile = flag.String("coord.cpuprofile", "", "BenchmarkCoordinatorCPU: write the coordinator process's CPU profile to this file")

// coordGrid is BenchmarkCoordinatorCPU's jobs' tiles a side: a studio's
// long job has thousands of tasks, and work a coordinator does per task
// that grows with the job shows only there.
var coordGrid = flag.Int("coord.grid", 16, "BenchmarkCoordinatorCPU: each job's tiles a side (32-pixel tiles)")

// coordWorkers is BenchmarkCoordinatorCPU's worker processes and the
// slots of each, "4x50" by default. "100x1" gives the coordinator 100
// one-slot members, each a process of its own, so its gossip, sessions,
// scheduling and choice of checkers are those of a 100-member cluster
// (200 such processes do not fit a 2-core machine: their gossip alone
// keeps it busy while they join).
var coordWorkers = flag.String("coord.workers", "4x50", "BenchmarkCoordinatorCPU: worker processes x slots each; more than 8 processes run on memberlist's LAN preset, fewer on --fast-failure")

// lanAbove is the worker processes above which BenchmarkCoordinatorCPU's
// nodes run on memberlist's LAN preset: hundreds of members on
// --fast-failure's probes (tests' small loopback clusters) keep two cores
// busy with gossip alone.
const lanAbove = 8

// BenchmarkCoordinatorCPU: a coordinator in a process of its own (paused,
// so it renders none of the tasks itself) dispatches 256-tile jobs
// (-coord.grid) to worker processes (-coord.workers: 4 of 50 slots)
// whose renderer answers at once; the coordinator's CPU (user and
// system, all its threads, from /proc) per task is what one
// coordinator's dispatch costs, apart from the workers' and their
// gossip, which BenchmarkDispatch in farm/ counts together in one
// process. tasks/s is the whole cluster's on this machine.
func BenchmarkCoordinatorCPU(b *testing.B) {
	workers, slots, err := parseWorkers(*coordWorkers)
	if err != nil {
		b.Fatal(err)
	}
	var gossip []string
	if workers > lanAbove {
		gossip = []string{"--network", "lan"}
	}
	env := []string{"CONUN_TEST_INSTANT=1"}
	coord := startNodeEnv(b, append(env, "CONUN_TEST_CPUPROFILE="+*coordProfile), append(gossip, "--data", b.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0")...)
	for range workers {
		startNodeEnv(b, env, append(gossip, "--data", b.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0", "--slots", strconv.Itoa(slots), "--join", coord.gossip)...)
	}
	waitFor(b, 30*time.Second+time.Duration(workers)*200*time.Millisecond, func() bool {
		_, out, _ := conun(b, "nodes", "--node", coord.url)
		return strings.Count(out, "\n") == workers+2
	})
	if code, _, stderr := conun(b, "node", "pause", "--node", coord.url); code != 0 {
		b.Fatalf("pause the coordinator: %s", stderr)
	}
	n := *coordGrid
	tiles := n * n
	var cpu, wall time.Duration
	jobs := 0
	for b.Loop() {
		before := processCPU(b, coord.cmd.Process.Pid)
		start := time.Now()
		code, stdout, stderr := conun(b, "submit", "--node", coord.url, "cornell", "--res", fmt.Sprintf("%dx%d", 32*n, 32*n), "--samples", "1",
			"--tiles", fmt.Sprintf("%dx%d", n, n), "--budget", "0")
		if code != 0 {
			b.Fatalf("submit: %s", stderr)
		}
		if state, err := api.NewClient(coord.url).Events(context.Background(), strings.TrimSpace(stdout), nil); err != nil || state != api.JobDone {
			b.Fatalf("job: %s %v", state, err)
		}
		wall += time.Since(start)
		cpu += processCPU(b, coord.cmd.Process.Pid) - before
		jobs++
	}
	if *coordProfile != "" { // a graceful stop writes it
		coord.cmd.Process.Signal(os.Interrupt)
		coord.cmd.Wait()
	}
	tasks := float64(jobs * tiles)
	b.ReportMetric(float64(cpu.Microseconds())/tasks, "coord-cpu-µs/task")
	b.ReportMetric(tasks/wall.Seconds(), "tasks/s")
	b.ReportMetric(tasks/cpu.Seconds(), "tasks/coord-cpu-s")
}

// parseWorkers reads -coord.workers: PROCESSESxSLOTS, both at least 1.
func parseWorkers(s string) (workers, slots int, err error) {
	p, q, ok := strings.Cut(s, "x")
	workers, err1 := strconv.Atoi(p)
	slots, err2 := strconv.Atoi(q)
	if !ok || err1 != nil || err2 != nil || workers < 1 || slots < 1 {
		return 0, 0, fmt.Errorf("-coord.workers %q: want PROCESSESxSLOTS, as 4x50", s)
	}
	return workers, slots, nil
}

// processCPU is the CPU time process pid has used, all its threads, user
// and system (/proc/PID/stat; Linux's clock ticks are 100 a second).
func processCPU(t testing.TB, pid int) time.Duration {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		t.Skipf("NOT MEASURED: needs /proc/PID/stat (Linux): %v", err)
	}
	// Fields after the command name, which is in parentheses and may
	// hold spaces: state is the 3rd field, utime the 14th, stime the 15th.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		t.Fatalf("/proc/%d/stat: %q", pid, b)
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond
}
