package main

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/tunnel"
	"github.com/ethereum/go-ethereum/crypto"
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

// chainAddr is the public bridge's own address in the LAN namespace,
// where startChain serves the chain: a host of the public network that no
// test kills.
func (tn *testNet) chainAddr() string { return tn.subnet + ".254" }

// startChain starts `conun chain` in the LAN namespace on chainAddr, so
// every host reaches it over the network (the NATed ones through their
// routers), and returns its JSON-RPC URL; it stops when the test ends.
func (tn *testNet) startChain(t *testing.T) string {
	t.Helper()
	tn.ip("-n", tn.prefix+"-lan", "addr", "add", tn.chainAddr()+"/24", "dev", "br0")
	cmd := exec.Command("ip", "netns", "exec", tn.prefix+"-lan", os.Args[0], "chain", "--listen", tn.chainAddr()+":8545")
	cmd.Env = append(os.Environ(), "CONUN_TEST_MAIN=1")
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	url := ""
	re := regexp.MustCompile(`http://` + regexp.QuoteMeta(tn.chainAddr()) + `:\d+`)
	for sc := bufio.NewScanner(stdout); url == "" && sc.Scan(); {
		url = re.FindString(sc.Text())
	}
	go io.Copy(io.Discard, stdout)
	if url == "" {
		t.Fatal("conun chain printed no URL")
	}
	return url
}

// walletIn is the wallet of host i's node, by `conun wallet --json`.
func walletIn(t *testing.T, tn *testNet, i int) api.WalletInfo {
	t.Helper()
	out, err := tn.command(i, "wallet", "--json").Output()
	var w api.WalletInfo
	if err != nil || json.Unmarshal(out, &w) != nil {
		t.Fatalf("wallet on host %d: %v: %s", i+1, err, out)
	}
	return w
}

// natPrice is what every node of TestNATRecipe asks per task, in wei
// (--price 0.03).
var natPrice = big.NewInt(30000000000000000)

// TestNATRecipe: three public hosts as in TestMultiHostRecipe, a GPU
// owner at home behind a router (started with --behind-nat) and one behind
// a double NAT (started without it: the node finds out by asking a member
// to dial it back). Both attach to a public member, which relays their RPC
// and gossip. Every node settles on a `conun chain` on the public network
// and bonds a stake; the job goes with a budget. Mid-job the home node's
// gateway is killed: the job still ends with identical pixels, every NATed
// node rendered, the home node is found again at another gateway, and
// every NATed node is paid to the wei for the tasks it rendered: the
// coordinator's settlement lists it, and its claim, pushed through its
// gateway's relay, is paid to its own key's balance.
func TestNATRecipe(t *testing.T) {
	skipShort(t, "a cluster of node processes on network namespaces behind NAT routers")
	tn := newTestNet(t, 3)
	if _, err := exec.LookPath("iptables"); err != nil {
		t.Skip("NOT TESTED: NAT routers need iptables")
	}
	home := tn.behindNAT(1)
	double := tn.behindNAT(2)
	ref := reference(t)
	chain := tn.startChain(t)
	// Every node on the chain, with a development key (funded with
	// Ether and tokens) and a stake of the default --min-stake.
	onChain := []string{"--chain", chain, "--stake", "1", "--price", "0.03"}
	procs := make([]*nodeProc, len(tn.hosts))
	logs := make([]*lockedLog, len(tn.hosts))
	for i := range tn.hosts {
		data := t.TempDir()
		os.WriteFile(filepath.Join(data, "node.key"), []byte(hex.EncodeToString(crypto.FromECDSA(contracts.DevKey(i)))), 0o600)
		args := []string{"node", "--data", data, "--gossip", "0.0.0.0:7946", "--api", "127.0.0.1:8080", "--slots", "2", "--sandbox", "none"}
		if i > 0 {
			args = append(args, "--join", tn.addr(0)+":7946")
		}
		if i == home { // the README's line for a GPU owner at home, as written
			args = []string{"node", "--data", data, "--join", tn.addr(0) + ":7946", "--slots", "2", "--behind-nat", "--sandbox", "none"}
		}
		cmd := tn.command(i, append(args, onChain...)...)
		cmd.Env = append(cmd.Env, "CONUN_TEST_SLOW=1") // a second a task: the job is still running when the gateway dies
		logs[i] = &lockedLog{}
		cmd.Stderr = logs[i]
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
	// Balances once the stakes are bonded, before any job.
	before := map[int]api.WalletInfo{}
	for _, i := range []int{home, double} {
		waitFor(t, time.Minute, func() bool {
			before[i] = walletIn(t, tn, i)
			return before[i].Connected && before[i].Stake == "1"
		})
	}

	stdout, err := tn.command(coord, append([]string{"submit", "--budget", "5"}, job...)...).Output()
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
	natPaid(t, tn, coord, id, procs, before, done)
	// The claims came pushed by the coordinator, through each node's
	// gateway's relay: a node that had to ask for its own says so.
	for _, i := range []int{home, double} {
		if strings.Contains(logs[i].String(), "fetched a claim this node was never handed") {
			t.Errorf("%s behind NAT fetched its claim itself: the push through its gateway did not reach it", procs[i].name)
		}
	}
}

// natPaid checks that each NATed node (the hosts in before) was paid
// natPrice for each task it rendered (done, by the coordinator's report):
// the coordinator's settlement of job id lists it so, and the node's own
// wallet shows the claim paid and its balance up by that much, to the wei.
func natPaid(t *testing.T, tn *testNet, coord int, id string, procs []*nodeProc, before map[int]api.WalletInfo, done map[string]int) {
	t.Helper()
	var rep api.Report
	waitFor(t, time.Minute, func() bool {
		out, err := tn.command(coord, "report", "--json", id).Output()
		return err == nil && json.Unmarshal(out, &rep) == nil && rep.Settlement != nil && rep.Settlement.Tx != ""
	})
	if s := rep.Settlement; s.Error != "" {
		t.Fatalf("settlement of %s: %s", id, s.Error)
	}
	for i, w0 := range before {
		name := procs[i].name
		want := new(big.Int).Mul(natPrice, big.NewInt(int64(done[name])))
		var payout *api.NodePayout
		for k, p := range rep.Settlement.Payouts {
			if strings.EqualFold(p.Address, w0.Address) {
				payout = &rep.Settlement.Payouts[k]
			}
		}
		if payout == nil || payout.Tasks != done[name] || api.MustTokens(payout.Amount).Wei().Cmp(want) != 0 {
			t.Errorf("%s behind NAT rendered %d tasks; the settlement pays it %+v, want %d tasks and %v wei", name, done[name], payout, done[name], want)
			continue
		}
		var w api.WalletInfo
		waitFor(t, time.Minute, func() bool {
			w = walletIn(t, tn, i)
			return len(w.Claims) == 1 && w.Claims[0].Claimed
		})
		got := new(big.Int).Sub(api.MustTokens(w.Balance).Wei(), api.MustTokens(w0.Balance).Wei())
		if got.Cmp(want) != 0 {
			t.Errorf("%s behind NAT earned %v wei for %d tasks, want %v (0.03 tokens a task)", name, got, done[name], want)
		}
		t.Logf("%s behind NAT: %d tasks, paid %s tokens (%s), balance %s -> %s", name, done[name], payout.Amount, w.Claims[0].Status(), w0.Balance, w.Balance)
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
