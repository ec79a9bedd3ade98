package main

import (
	"encoding/json"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
)

// lossy makes the link between host i (behind NAT) and its home router
// what a home uplink is: 2% of packets dropped at random each way and
// 20 Mbit/s each way (tbf; this kernel has no netem, so no added delay).
func (tn *testNet) lossy(i int, router string) {
	tn.t.Helper()
	tn.exec(router, "iptables", "-A", "FORWARD", "-m", "statistic", "--mode", "random", "--probability", "0.02", "-j", "DROP")
	tn.exec(router, "tc", "qdisc", "add", "dev", "lan", "root", "tbf", "rate", "20mbit", "burst", "32kb", "latency", "200ms")
	tn.exec(tn.hosts[i], "tc", "qdisc", "add", "dev", "eth0", "root", "tbf", "rate", "20mbit", "burst", "32kb", "latency", "200ms")
}

// lockedLog is a node's log, written by its process and read by the test.
type lockedLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// lossyJob is job at 8x8 tiles: 192 tasks of 8x6 pixels, the same pixels
// as reference.
var lossyJob = []string{"anim", "--frames", "1-3", "--tiles", "8x8", "--res", "64x48", "--samples", "8", "--seed", "5", "--depth", "16"}

// TestLossyNATFarm: 12 node processes, 8 on the public bridge, 2 behind a
// home NAT and 2 behind a double NAT, each home link dropping 2% of
// packets at random and shaped to 20 Mbit/s. A 192-task job, whose home
// nodes' gateway is killed mid-job, finishes with the reference's pixels;
// every NATed node rendered; nobody is convicted; and memberlist declares
// an honest member dead at most once per live node (with --network lan a
// suspect has 4 x log10(12) x 1 s, about 4-5 s, to refute before it is
// declared dead, so 2% loss, a blip of one lost probe, must never kill
// it; the killed gateway's death is expected, and the moved home node's
// old address may die once).
func TestLossyNATFarm(t *testing.T) {
	skipShort(t, "12 node processes on network namespaces behind lossy, shaped NAT links")
	for _, tool := range []string{"iptables", "tc"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("NOT TESTED: lossy NAT links need %s", tool)
		}
	}
	tn := newTestNet(t, 8)
	var nat []int
	for _, depth := range []int{1, 1, 2, 2} {
		i := tn.behindNAT(depth)
		tn.lossy(i, tn.routers[len(tn.routers)-1])
		nat = append(nat, i)
	}
	ref := reference(t)
	procs := make([]*nodeProc, len(tn.hosts))
	logs := make([]*lockedLog, len(tn.hosts))
	for i := range tn.hosts {
		args := []string{"node", "--data", t.TempDir(), "--gossip", "0.0.0.0:7946", "--api", "127.0.0.1:8080", "--slots", "1", "--sandbox", "none"}
		if i > 0 {
			args = append(args, "--join", tn.addr(0)+":7946")
		}
		if i >= 8 {
			args = []string{"node", "--data", t.TempDir(), "--join", tn.addr(0) + ":7946", "--slots", "1", "--behind-nat", "--sandbox", "none"}
		}
		cmd := tn.command(i, args...)
		// A second a task: the job runs about 16 s, long enough to live
		// through lost packets and the gateway's death, not past them.
		cmd.Env = append(cmd.Env, "CONUN_TEST_SLOW=1")
		logs[i] = &lockedLog{}
		cmd.Stderr = logs[i]
		procs[i] = startNodeCmd(t, cmd, false)
	}
	start := time.Now()
	members := waitMembers(t, tn, 0, len(tn.hosts))
	t.Logf("12 members seen by host 1 %v after the last start", time.Since(start).Round(time.Millisecond))
	host := func(url string) int {
		for i := range 8 {
			if strings.HasPrefix(url, "http://"+tn.addr(i)+":") {
				return i
			}
		}
		return -1
	}
	gateway := -1
	for _, m := range members {
		if m.ID == procs[nat[0]].name {
			gateway = host(m.API)
		}
	}
	if gateway < 0 {
		t.Fatalf("%s behind NAT has no public gateway: %+v", procs[nat[0]].name, members)
	}
	coord := 1
	if gateway == coord {
		coord = 2
	}
	stdout, err := tn.command(coord, append([]string{"submit"}, lossyJob...)...).Output()
	if err != nil {
		t.Fatalf("submit on host %d: %v", coord+1, err)
	}
	id := strings.TrimSpace(string(stdout))
	submitted := time.Now()
	waitFor(t, 2*time.Minute, func() bool {
		done, _ := rendered(t, tn, coord, id)
		return done[procs[nat[0]].name] > 0
	})
	procs[gateway].kill9(t)
	t.Logf("killed host %d, gateway of %s, %v after submit", gateway+1, procs[nat[0]].name, time.Since(submitted).Round(time.Millisecond))

	st, out := tn.waitDone(t, coord, id)
	t.Logf("192-task job done %v after submit (12 processes, lossy home links)", time.Since(submitted).Round(time.Millisecond))
	compareFrames(t, ref, out)
	done, failed := rendered(t, tn, coord, id)
	t.Logf("rendered: %v; failed attempts %d; requeued %v", done, failed, requeues(t, tn, coord, id))
	for _, i := range nat {
		if done[procs[i].name] == 0 {
			t.Errorf("%s behind a lossy NAT link rendered nothing (credited nothing)", procs[i].name)
		}
	}
	if len(st.Convicted) > 0 {
		t.Errorf("honest nodes convicted: %v", st.Convicted)
	}
	rep, err := tn.command(coord, "report", "--json", id).Output()
	var r api.Report
	if err != nil || json.Unmarshal(rep, &r) != nil {
		t.Fatalf("report %s: %v", id, err)
	}
	if len(r.Convictions) > 0 {
		t.Errorf("honest nodes convicted: %+v", r.Convictions)
	}
	// Deaths of members other than the killed gateway, as each live
	// node's memberlist logged them.
	dead := 0
	for i, l := range logs {
		if i == gateway {
			continue
		}
		for _, line := range strings.Split(l.String(), "\n") {
			// peek-* are the CLI's own short visits (conun nodes,
			// report), which stop without leaving: not members.
			if strings.Contains(line, "as failed, suspect timeout reached") && !strings.Contains(line, "Marking "+procs[gateway].name+" ") && !strings.Contains(line, "Marking peek-") {
				dead++
				t.Logf("host %d: %s", i+1, line)
			}
		}
	}
	// A bound, not zero: a NATed member moving to a new gateway comes
	// back at a new address once the old is declared dead (one death of
	// the moved member, seen by at most each of the 11 live nodes).
	t.Logf("%d declarations that an honest member failed", dead)
	if limit := 11; dead > limit {
		t.Errorf("%d declarations that an honest member failed (bound %d)", dead, limit)
	}
}
