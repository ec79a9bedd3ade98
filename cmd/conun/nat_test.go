package main

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/tunnel"
)

// behindNAT adds a host behind depth routers that masquerade, as home
// routers do (depth 2: a home router behind a carrier's NAT), and returns
// its index for command. The outermost router is on the public bridge;
// each has its own private subnet inside. Nothing on the public bridge can
// open a connection to the host: its address is private, and the routers
// only let answers to its own connections back in.
func (tn *testNet) behindNAT(depth int) int {
	tn.t.Helper()
	lan := tn.prefix + "-lan"
	up, upSubnet := "", ""
	for range depth {
		seq := len(tn.routers) + 1
		r := fmt.Sprintf("%s-r%d", tn.prefix, seq)
		tn.routers = append(tn.routers, r)
		tn.ip("netns", "add", r)
		if up == "" {
			port := fmt.Sprintf("q%d", seq)
			tn.ip("-n", r, "link", "add", "wan", "type", "veth", "peer", "name", port, "netns", lan)
			tn.ip("-n", lan, "link", "set", port, "master", "br0", "up")
			tn.ip("-n", r, "addr", "add", fmt.Sprintf("%s.%d/24", tn.subnet, 100+seq), "dev", "wan")
		} else {
			tn.link(up, r, upSubnet)
		}
		tn.ip("-n", r, "link", "set", "wan", "up")
		tn.ip("-n", r, "link", "set", "lo", "up")
		tn.exec(r, "sysctl", "-qw", "net.ipv4.ip_forward=1")
		tn.exec(r, "iptables", "-t", "nat", "-A", "POSTROUTING", "-o", "wan", "-j", "MASQUERADE")
		up, upSubnet = r, fmt.Sprintf("192.168.%d", seq)
	}
	h := fmt.Sprintf("%s-n%d", tn.prefix, len(tn.hosts)+1)
	tn.ip("netns", "add", h)
	tn.hosts = append(tn.hosts, h)
	tn.link(up, h, upSubnet)
	return len(tn.hosts) - 1
}

// link joins router r's inside ("lan", subnet.1) to the namespace in
// below it ("wan" on a router, "eth0" on a host, subnet.2), whose default
// route is r.
func (tn *testNet) link(r, in, subnet string) {
	tn.t.Helper()
	dev := "eth0"
	if strings.Contains(in, "-r") {
		dev = "wan"
	}
	tn.ip("-n", r, "link", "add", "lan", "type", "veth", "peer", "name", dev, "netns", in)
	tn.ip("-n", r, "addr", "add", subnet+".1/24", "dev", "lan")
	tn.ip("-n", r, "link", "set", "lan", "up")
	tn.ip("-n", in, "addr", "add", subnet+".2/24", "dev", dev)
	tn.ip("-n", in, "link", "set", dev, "up")
	tn.ip("-n", in, "link", "set", "lo", "up")
	tn.ip("-n", in, "route", "add", "default", "via", subnet+".1")
}

// exec runs a command inside namespace ns.
func (tn *testNet) exec(ns string, args ...string) {
	tn.t.Helper()
	if out, err := exec.Command("ip", append([]string{"netns", "exec", ns}, args...)...).CombinedOutput(); err != nil {
		tn.t.Fatalf("in %s: %s: %v\n%s", ns, strings.Join(args, " "), err, out)
	}
}

// TestNATRecipe: three public hosts as in TestMultiHostRecipe, a GPU
// owner at home behind a router (started with --behind-nat) and one behind
// a double NAT (started without it: the node finds out by asking a member
// to dial it back). Both attach to a public member, which relays their RPC
// and gossip. Mid-job the home node's gateway is killed: the job still
// ends with identical pixels, every NATed node rendered, and the home node
// is found again at another gateway.
func TestNATRecipe(t *testing.T) {
	skipShort(t, "a cluster of node processes on network namespaces behind NAT routers")
	tn := newTestNet(t, 3)
	if _, err := exec.LookPath("iptables"); err != nil {
		t.Skip("NOT TESTED: NAT routers need iptables")
	}
	home := tn.behindNAT(1)
	double := tn.behindNAT(2)
	ref := reference(t)
	procs := make([]*nodeProc, len(tn.hosts))
	for i := range tn.hosts {
		args := []string{"node", "--data", t.TempDir(), "--gossip", "0.0.0.0:7946", "--api", "127.0.0.1:8080", "--slots", "2", "--sandbox", "none"}
		if i > 0 {
			args = append(args, "--join", tn.addr(0)+":7946")
		}
		if i == home { // the README's line for a GPU owner at home, as written
			args = []string{"node", "--data", t.TempDir(), "--join", tn.addr(0) + ":7946", "--slots", "2", "--behind-nat", "--sandbox", "none"}
		}
		cmd := tn.command(i, args...)
		cmd.Env = append(cmd.Env, "CONUN_TEST_SLOW=1") // a second a task: the job is still running when the gateway dies
		procs[i] = startNodeCmd(t, cmd, false)
	}
	members := waitMembers(t, tn, 0, len(tn.hosts))
	// host is the public host whose address an RPC URL starts with.
	host := func(url string) int {
		for i := range 3 {
			if strings.HasPrefix(url, "http://"+tn.addr(i)+":") {
				return i
			}
		}
		return -1
	}
	gateway := map[int]int{}
	for _, m := range members {
		t.Logf("%s: gossip %s, rpc %s", m.ID, m.Gossip, m.API)
		for _, i := range []int{home, double} {
			if m.ID == procs[i].name {
				if !strings.Contains(m.API, tunnel.RelayPrefix) || host(m.API) < 0 {
					t.Fatalf("%s behind NAT advertises %s, not a relay on a public host", m.ID, m.API)
				}
				gateway[i] = host(m.API)
			}
		}
	}
	coord := 0
	for coord == gateway[home] || coord == gateway[double] {
		coord++
	}

	stdout, err := tn.command(coord, append([]string{"submit"}, job...)...).Output()
	if err != nil {
		t.Fatalf("submit on host %d: %v", coord+1, err)
	}
	id := strings.TrimSpace(string(stdout))
	submitted := time.Now()
	waitFor(t, time.Minute, func() bool {
		done, _ := rendered(t, tn, coord, id)
		return done[procs[home].name] > 0
	})
	procs[gateway[home]].kill9(t)
	killed := time.Now()
	waitFor(t, time.Minute, func() bool {
		out, err := tn.command(coord, "nodes", "--json").Output()
		var members []api.Member
		if err != nil || json.Unmarshal(out, &members) != nil {
			return false
		}
		for _, m := range members {
			if m.ID == procs[home].name && host(m.API) >= 0 && host(m.API) != gateway[home] {
				t.Logf("%s re-attached: rpc %s, seen by host %d %v after the kill", m.ID, m.API, coord+1, time.Since(killed).Round(time.Millisecond))
				return true
			}
		}
		return false
	})

	_, out := tn.waitDone(t, coord, id)
	t.Logf("job done %v after submit, %v after host %d, the home node's gateway, was killed", time.Since(submitted).Round(time.Millisecond), time.Since(killed).Round(time.Millisecond), gateway[home]+1)
	compareFrames(t, ref, out)
	done, failed := rendered(t, tn, coord, id)
	t.Logf("rendered: %v; failed attempts %d; requeued %v", done, failed, requeues(t, tn, coord, id))
	for _, i := range []int{home, double} {
		if done[procs[i].name] == 0 {
			t.Errorf("%s behind NAT rendered nothing", procs[i].name)
		}
	}
}

// waitDone runs `conun wait` on host i for job id, which must end done,
// and returns its status and the folder it fetched the frames into.
func (tn *testNet) waitDone(t *testing.T, i int, id string) (api.JobStatus, string) {
	t.Helper()
	out := t.TempDir()
	wait := tn.command(i, "wait", "--json", "--out", out, id)
	var stderr strings.Builder
	wait.Stderr = &stderr
	stdout, err := wait.Output()
	var st api.JobStatus
	if err != nil || json.Unmarshal(stdout, &st) != nil || st.State != api.JobDone {
		t.Fatalf("wait %s on host %d: %v: %s %s", id, i+1, err, stdout, stderr.String())
	}
	return st, out
}

// waitMembers waits until host i's node lists n members and returns them.
func waitMembers(t *testing.T, tn *testNet, i, n int) []api.Member {
	t.Helper()
	var members []api.Member
	waitFor(t, time.Minute, func() bool {
		out, err := tn.command(i, "nodes", "--json").Output()
		return err == nil && json.Unmarshal(out, &members) == nil && len(members) == n
	})
	return members
}

// rendered is how many tasks of job id each node rendered, by host i's
// report, and how many leases of the job failed.
func rendered(t *testing.T, tn *testNet, i int, id string) (map[string]int, int) {
	t.Helper()
	out, err := tn.command(i, "report", "--json", id).Output()
	if err != nil {
		t.Fatalf("report %s on host %d: %v", id, i+1, err)
	}
	var r api.Report
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("report --json %q: %v", out, err)
	}
	n := map[string]int{}
	for _, nr := range r.Nodes {
		n[nr.Node] = nr.Tasks
	}
	failed := 0
	for _, tr := range r.Tasks {
		failed += tr.Attempts
	}
	return n, failed
}

// requeues counts job id's tasks sent back to the queue, by reason, from
// host i's event stream (curl: the client API is on the host's loopback).
func requeues(t *testing.T, tn *testNet, i int, id string) map[api.RequeueReason]int {
	t.Helper()
	out, err := exec.Command("ip", "netns", "exec", tn.hosts[i], "curl", "-sS", "--max-time", "10", "http://127.0.0.1:8080/v1/jobs/"+id+"/events").Output()
	if err != nil {
		t.Logf("NOT MEASURED: requeues (curl in host %d: %v)", i+1, err)
		return nil
	}
	n := map[api.RequeueReason]int{}
	for _, line := range strings.Split(string(out), "\n") {
		var e api.Event
		if data, ok := strings.CutPrefix(line, "data: "); ok && json.Unmarshal([]byte(data), &e) == nil && e.Type == api.EventRequeued {
			n[e.Reason]++
		}
	}
	return n
}
