package main

import (
	"bufio"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/ethereum/go-ethereum/crypto"
)

// startChain starts `conun chain` with args as its own process on a free
// port, stopped when the test ends, and returns its JSON-RPC URL.
func startChain(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"chain", "--listen", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), "CONUN_TEST_MAIN=1")
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	url := ""
	sc := bufio.NewScanner(stdout)
	for url == "" && sc.Scan() {
		if m := regexp.MustCompile(`http://127\.0\.0\.1:\d+`).FindString(sc.Text()); m != "" {
			url = m
		}
	}
	go io.Copy(io.Discard, stdout)
	if url == "" {
		t.Fatal("conun chain printed no URL")
	}
	return url
}

// TestStakeCommands: conun stake, unstake and reclaim against a node
// process on a `conun chain` process, in the order an owner would type
// them, mistakes included: each refusal names the problem (and the time a
// withdrawal is due), and the node keeps serving.
func TestStakeCommands(t *testing.T) {
	skipShort(t, "a chain and a node process")
	url := startChain(t, "--unstake-delay", "4s", "--block-period", "1s") // blocks move chain time past the delay
	dir := t.TempDir()
	// Development key 1 holds Ether and a million tokens on conun chain.
	os.WriteFile(filepath.Join(dir, "node.key"), []byte(hex.EncodeToString(crypto.FromECDSA(contracts.DevKey(1)))), 0o600)
	node := startNode(t, "--data", dir, "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0", "--chain", url)
	start := walletOf(t, node.url)

	steps := []struct {
		args     []string
		code     int
		want     string // in stdout, or stderr when code != 0
		retryFor time.Duration
	}{
		{[]string{"stake", "2,5"}, 2, "at most 18 decimals", 0},
		{[]string{"stake", "0"}, 2, "more than 0 tokens", 0},
		{[]string{"stake"}, 2, "want one amount of tokens", 0},
		{[]string{"stake", "2000000"}, 1, "the node holds only 1000000", 0},
		{[]string{"stake", "2.5"}, 0, "staked 2.5 tokens", 0},
		{[]string{"reclaim"}, 1, "nothing to reclaim: ask stake back first", 0},
		{[]string{"unstake", "100"}, 1, "only 2.5 are staked", 0},
		{[]string{"unstake", "1"}, 0, "1 pending, reclaimable from", 0},
		{[]string{"wallet"}, 0, "unstake 1 tokens asked back, reclaimable from", 0},
		{[]string{"reclaim"}, 1, "the 1 tokens asked back can be reclaimed from", 0},
		{[]string{"reclaim"}, 0, "reclaimed 1 tokens of stake", 20 * time.Second},
		{[]string{"reclaim"}, 1, "nothing to reclaim", 0},
	}
	for _, s := range steps {
		args := append(s.args, "--node", node.url)
		var code int
		var out, stderr string
		deadline := time.Now().Add(s.retryFor)
		for {
			code, out, stderr = conun(t, args...)
			if code == s.code || time.Now().After(deadline) {
				break
			}
			time.Sleep(500 * time.Millisecond) // the unstake delay runs on chain time
		}
		text := out
		if s.code != 0 {
			text = stderr
		}
		if code != s.code || !strings.Contains(text, s.want) {
			t.Fatalf("conun %s: exit %d, stdout %q, stderr %q; want exit %d with %q", strings.Join(s.args, " "), code, out, stderr, s.code, s.want)
		}
	}
	w := walletOf(t, node.url)
	if w.Stake != "1.5" || w.PendingStake != "" {
		t.Errorf("stake %s, pending %q after staking 2.5 and taking 1 back; want 1.5 and none", w.Stake, w.PendingStake)
	}
	if start.Balance != "1000000" || w.Balance != "999998.5" {
		t.Errorf("balance %s then %s, want 1000000 then 999998.5", start.Balance, w.Balance)
	}
}
