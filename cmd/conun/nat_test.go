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
// and gossip; a job renders identical pixels with every node's work.
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
		if i == home {
			args = append(args, "--behind-nat")
		}
		procs[i] = startNodeCmd(t, tn.command(i, args...), false)
	}
	var members []api.Member
	waitFor(t, 30*time.Second, func() bool {
		out, err := tn.command(0, "nodes", "--json").Output()
		return err == nil && json.Unmarshal(out, &members) == nil && len(members) == len(tn.hosts)
	})
	for _, m := range members {
		t.Logf("%s: gossip %s, rpc %s", m.ID, m.Gossip, m.API)
		if m.ID == procs[home].name || m.ID == procs[double].name {
			if !strings.Contains(m.API, tunnel.RelayPrefix) {
				t.Errorf("%s behind NAT advertises %s, not a relay", m.ID, m.API)
			}
		}
	}

	out := t.TempDir()
	sub := tn.command(0, append([]string{"submit", "--wait", "--json", "--out", out}, job...)...)
	var stderr strings.Builder
	sub.Stderr = &stderr
	stdout, err := sub.Output()
	if err != nil {
		t.Fatalf("submit --wait on host 1: %v: %s", err, stderr.String())
	}
	var st api.JobStatus
	if err := json.Unmarshal(stdout, &st); err != nil || st.State != api.JobDone {
		t.Fatalf("submit --wait --json: %v: %s", err, stdout)
	}
	compareFrames(t, ref, out)
	rep, err := tn.command(0, "report", "--json", st.ID).Output()
	if err != nil {
		t.Fatalf("report: %v", err)
	}
	var r api.Report
	if err := json.Unmarshal(rep, &r); err != nil {
		t.Fatalf("report --json %q: %v", rep, err)
	}
	t.Logf("rendered: %+v", r.Nodes)
	rendered := map[string]int{}
	for _, nr := range r.Nodes {
		rendered[nr.Node] = nr.Tasks
	}
	for _, p := range procs {
		if rendered[p.name] == 0 {
			t.Errorf("%s rendered nothing: %+v", p.name, r.Nodes)
		}
	}
}
