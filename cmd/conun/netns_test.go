package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
)

// testNet is a network of Linux network namespaces on this machine: hosts
// with addresses of their own on one bridge, as machines on a LAN are. A
// node in one namespace reaches another only through the bridge, never
// through a shared loopback, so a node that advertises an address the
// others cannot dial is seen to fail.
type testNet struct {
	t      testing.TB
	prefix string   // namespace names start with it
	subnet string   // "10.N.0", the hosts' /24
	hosts  []string // namespace names; host i has address subnet.(i+1)
	// routers are the NAT routers' namespaces (behindNAT); the hosts
	// behind them are in hosts too, with addresses of their home subnets.
	routers []string
}

// newTestNet makes n hosts on one bridge, or skips the test naming what it
// needs (root and iproute2). Everything it made is removed at cleanup.
func newTestNet(t testing.TB, n int) *testNet {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("NOT TESTED: network namespaces need root")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("NOT TESTED: network namespaces need iproute2's ip")
	}
	id := os.Getpid() % 200
	tn := &testNet{t: t, prefix: fmt.Sprintf("cn%d", os.Getpid()), subnet: fmt.Sprintf("10.%d.%d", 100+id/100, id%100)}
	lan := tn.prefix + "-lan"
	t.Cleanup(func() {
		for _, h := range append(append([]string{lan}, tn.hosts...), tn.routers...) {
			exec.Command("ip", "netns", "del", h).Run() // takes its veth ends along
		}
	})
	tn.ip("netns", "add", lan)
	tn.ip("-n", lan, "link", "add", "br0", "type", "bridge")
	tn.ip("-n", lan, "link", "set", "br0", "up")
	tn.ip("-n", lan, "link", "set", "lo", "up")
	for i := range n {
		h := fmt.Sprintf("%s-h%d", tn.prefix, i+1)
		tn.hosts = append(tn.hosts, h)
		tn.ip("netns", "add", h)
		// The veth is made inside the host's namespace and its far end
		// moved to the LAN's, so no name ever lands in the root namespace.
		tn.ip("-n", h, "link", "add", "eth0", "type", "veth", "peer", "name", fmt.Sprintf("p%d", i+1), "netns", lan)
		tn.ip("-n", lan, "link", "set", fmt.Sprintf("p%d", i+1), "master", "br0", "up")
		tn.ip("-n", h, "addr", "add", tn.addr(i)+"/24", "dev", "eth0")
		tn.ip("-n", h, "link", "set", "eth0", "up")
		tn.ip("-n", h, "link", "set", "lo", "up")
	}
	return tn
}

// addr is host i's IP address.
func (tn *testNet) addr(i int) string { return fmt.Sprintf("%s.%d", tn.subnet, i+1) }

func (tn *testNet) ip(args ...string) {
	tn.t.Helper()
	if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
		tn.t.Fatalf("ip %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// command runs this test binary as `conun args...` inside host i.
func (tn *testNet) command(i int, args ...string) *exec.Cmd {
	cmd := exec.Command("ip", append([]string{"netns", "exec", tn.hosts[i], os.Args[0]}, args...)...)
	cmd.Env = append(os.Environ(), "CONUN_TEST_MAIN=1")
	return cmd
}

// TestMultiHostRecipe: three `conun node` processes on three hosts, started
// exactly as the README's recipe for several machines says (gossip on
// every interface, the client API on loopback, --join the first). Each
// node must advertise its own LAN address for node RPC (it used to
// advertise its API listener's, loopback, which no other machine can
// call), and a job submitted to the first renders on all three.
func TestMultiHostRecipe(t *testing.T) {
	skipShort(t, "a cluster of node processes on network namespaces")
	tn := newTestNet(t, 3)
	ref := reference(t)
	for i := range tn.hosts {
		args := []string{"node", "--data", t.TempDir(), "--gossip", "0.0.0.0:7946", "--api", "127.0.0.1:8080", "--slots", "2", "--sandbox", "none"}
		if i > 0 {
			args = append(args, "--join", tn.addr(0)+":7946")
		}
		startNodeCmd(t, tn.command(i, args...), false)
	}
	var members []api.Member
	waitFor(t, 30*time.Second, func() bool {
		out, err := tn.command(0, "nodes", "--json").Output()
		return err == nil && json.Unmarshal(out, &members) == nil && len(members) == 3
	})
	advertised := map[string]bool{}
	for _, m := range members {
		advertised[m.API] = true
	}
	for i := range tn.hosts {
		if want := "http://" + tn.addr(i) + ":7947"; !advertised[want] {
			t.Errorf("no member advertises %s for node RPC: %+v", want, members)
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
	if len(r.Nodes) != 3 {
		t.Fatalf("%d of 3 hosts rendered: %+v", len(r.Nodes), r.Nodes)
	}
}
