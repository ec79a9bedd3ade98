package contracts

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/internal/freeport"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/rpc"
)

// gethBinary finds geth: $CONUN_GETH, then PATH, then $(go env GOPATH)/bin,
// where .ci/deps.d/geth.sh installs it.
func gethBinary() (string, bool) {
	if p := os.Getenv("CONUN_GETH"); p != "" {
		return p, true
	}
	if p, err := exec.LookPath("geth"); err == nil {
		return p, true
	}
	gopath := os.Getenv("GOPATH")
	if gopath == "" {
		home, _ := os.UserHomeDir()
		gopath = filepath.Join(home, "go")
	}
	p := filepath.Join(gopath, "bin", "geth")
	if _, err := os.Stat(p); err == nil {
		return p, true
	}
	return "", false
}

// TestGethDev deploys the contracts on a real geth --dev node (the version in
// go.mod, installed by .ci/deps.d/geth.sh) and runs one full job settlement:
// the same client code over a node that is not ours.
func TestGethDev(t *testing.T) {
	if testing.Short() {
		t.Skip("geth --dev integration test skipped in -short mode")
	}
	geth, ok := gethBinary()
	if !ok {
		t.Skip("\n\n*** SKIPPED: geth is not installed, so the contracts were NOT tested on a real geth --dev node.\n" +
			"*** Run .ci/deps (or go install github.com/ethereum/go-ethereum/cmd/geth@v1.17.10) first. ***\n\n")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	// geth answers in a few seconds; seen once under heavy load: a geth that
	// never opened its HTTP port. Such a start is killed and retried on
	// fresh ports rather than failing the suite.
	var url string
	var rc *rpc.Client
	var accounts []common.Address
	for attempt := 1; rc == nil; attempt++ {
		var err error
		url, rc, accounts, err = startGeth(ctx, t, geth)
		if err != nil && attempt == 3 {
			t.Fatal(err)
		}
		if err != nil {
			t.Logf("attempt %d: %v; starting geth again", attempt, err)
		}
	}
	defer rc.Close()

	chain, err := Dial(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer chain.Close()

	// Fund two development keys from geth's unlocked dev account.
	keys := []*ecdsa.PrivateKey{DevKey(0), DevKey(1)}
	for _, k := range keys {
		var h common.Hash
		tx := map[string]any{"from": accounts[0], "to": crypto.PubkeyToAddress(k.PublicKey), "value": (*hexutil.Big)(new(big.Int).Mul(big.NewInt(100), big.NewInt(1e18)))}
		if err := rc.CallContext(ctx, &h, "eth_sendTransaction", tx); err != nil {
			t.Fatalf("fund dev key: %v", err)
		}
		if _, err := chain.waitMined(ctx, h); err != nil {
			t.Fatalf("fund dev key: %v", err)
		}
	}
	req, err := Deploy(ctx, chain, keys[0], DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	node := req.WithKey(keys[1])
	if _, err := req.Mint(ctx, req.Address(), tokens(100)); err != nil {
		t.Fatal(err)
	}
	if _, err := req.Mint(ctx, node.Address(), tokens(10)); err != nil {
		t.Fatal(err)
	}
	if _, err := node.Stake(ctx, tokens(10)); err != nil {
		t.Fatal(err)
	}
	id := crypto.Keccak256Hash([]byte("geth job"))
	now, err := chain.Now(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := req.OpenJob(ctx, id, tokens(50), now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	// A slash needs the node's own signature over a result of this job.
	stranger, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	forged, err := SignResult(stranger, req.Domain(), id, 1, common.Hash{1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := req.SlashResult(ctx, node.Address(), tokens(3), forged, common.Hash{2}); !errors.Is(err, ErrBadResultSignature) {
		t.Fatalf("slash with a forged result: %v, want ErrBadResultSignature", err)
	}
	own, err := node.SignResult(id, 1, common.Hash{1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := req.SlashResult(ctx, node.Address(), tokens(3), own, crypto.Keccak256Hash([]byte("evidence"))); err != nil {
		t.Fatal(err)
	}
	s, err := req.Settle(ctx, id, []Payout{{node.Address(), tokens(20)}, {node.Address(), tokens(5)}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := node.Claim(ctx, s.Claims[0]); err != nil {
		t.Fatal(err)
	}
	// The same work asked for again by receipt pays nothing.
	receipt, err := req.SignReceipt(WorkReceipt{JobID: id, Worker: node.Address(), Amount: tokens(25), Tasks: 2})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := node.ClaimByReceipts(ctx, []WorkReceipt{receipt}); !errors.Is(err, ErrAlreadyClaimed) {
		t.Fatalf("receipt after the leaf: %v, want ErrAlreadyClaimed", err)
	}
	// A second job settled with total 0 after receipts: the receipt pays.
	id2 := crypto.Keccak256Hash([]byte("geth job 2"))
	if _, err := req.OpenJob(ctx, id2, tokens(10), now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	r2 := WorkReceipt{JobID: id2, Worker: node.Address()}.Accept(0, common.Hash{3}, tokens(4)).Accept(1, common.Hash{4}, tokens(4))
	if r2, err = req.SignReceipt(r2); err != nil {
		t.Fatal(err)
	}
	if _, err := req.Settle(ctx, id2, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := node.ClaimByReceipts(ctx, []WorkReceipt{r2}); err != nil {
		t.Fatal(err)
	}
	// Every token is accounted for. The requester locked 50+5 and 10+1 and
	// gets nothing back until the receipt grace is over, and nothing from the
	// slash; the node earned 25 + 8; the escrow holds the rest of both jobs
	// (25+5, 2+1), 7 of stake and 3 burned.
	for _, tc := range []struct {
		who  common.Address
		want *big.Int
	}{
		{req.Address(), tokens(100 - 55 - 11)},
		{node.Address(), tokens(25 + 8)},
		{req.Addresses().Escrow, tokens(30 + 3 + 7 + 3)},
	} {
		got, err := req.Balance(ctx, tc.who)
		if err != nil {
			t.Fatal(err)
		}
		if got.Cmp(tc.want) != 0 {
			t.Errorf("balance of %s = %v, want %v", tc.who, got, tc.want)
		}
	}
}

// startGeth starts geth --dev on free ports and waits up to 40 s for it to
// answer with its dev account; the process is stopped when the test ends.
func startGeth(ctx context.Context, t *testing.T, geth string) (string, *rpc.Client, []common.Address, error) {
	port := freeport.Get(t)
	cmd := exec.CommandContext(ctx, geth, "--dev", "--datadir", t.TempDir(), "--ipcdisable",
		"--port", "0", "--authrpc.port", strconv.Itoa(freeport.Get(t)), "--nodiscover", "--maxpeers", "0",
		"--http", "--http.addr", "127.0.0.1", "--http.port", strconv.Itoa(port), "--http.api", "eth,net,web3",
		"--verbosity", "3")
	logFile, err := os.Create(filepath.Join(t.TempDir(), "geth.log"))
	if err != nil {
		return "", nil, nil, err
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		return "", nil, nil, err
	}
	stop := func() {
		cmd.Process.Kill()
		cmd.Wait()
	}
	t.Cleanup(stop)
	url := "http://127.0.0.1:" + strconv.Itoa(port)
	wait, cancel := context.WithTimeout(ctx, 40*time.Second)
	defer cancel()
	for {
		rc, err := rpc.DialContext(wait, url)
		if err == nil {
			var accounts []common.Address
			err = rc.CallContext(wait, &accounts, "eth_accounts")
			if err == nil && len(accounts) > 0 {
				return url, rc, accounts, nil
			}
			rc.Close()
		}
		select {
		case <-wait.Done():
			stop()
			b, _ := os.ReadFile(logFile.Name())
			return "", nil, nil, fmt.Errorf("geth --dev did not answer at %s: %v; its log:\n%s", url, err, lastLines(string(b), 20))
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
