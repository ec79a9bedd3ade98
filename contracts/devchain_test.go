package contracts

import (
	"bytes"
	"context"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
)

// TestDevChainJob serves a development chain on a free port and settles one
// job through it over HTTP JSON-RPC, as separate conun processes would.
func TestDevChainJob(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	cfg := DefaultDevChainConfig()
	cfg.Addr = "127.0.0.1:0"
	cfg.Chain.Accounts = 4
	cfg.TokensEach = 1000
	ready := make(chan string, 1)
	cfg.Ready = func(url string, addrs Addresses) {
		if addrs != DevAddresses() {
			t.Errorf("deployed at %+v, DevAddresses says %+v", addrs, DevAddresses())
		}
		ready <- url
	}
	var out bytes.Buffer
	served := make(chan error, 1)
	go func() { served <- ServeDevChain(ctx, cfg, &out) }()
	var url string
	select {
	case url = <-ready:
	case err := <-served:
		t.Fatalf("dev chain stopped: %v", err)
	case <-ctx.Done():
		t.Fatal("dev chain did not come up")
	}
	defer func() {
		cancel()
		if err := <-served; err != nil {
			t.Errorf("dev chain: %v", err)
		}
	}()
	for _, want := range []string{url, DevAddresses().Escrow.Hex(), crypto.PubkeyToAddress(DevKey(3).PublicKey).Hex()} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("banner does not show %s:\n%s", want, out.String())
		}
	}

	chain, err := Dial(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer chain.Close()
	if chain.ChainID().Int64() != 1337 {
		t.Errorf("chain id %v, want 1337", chain.ChainID())
	}
	req, err := NewClient(ctx, chain, DevKey(0), DevAddresses())
	if err != nil {
		t.Fatal(err)
	}
	node := req.WithKey(DevKey(1))
	id := crypto.Keccak256Hash([]byte("dev chain job"))
	now, err := chain.Now(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := req.OpenJob(ctx, id, tokens(10), now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	s, err := req.Settle(ctx, id, []Payout{{node.Address(), tokens(4)}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := node.Claim(ctx, s.Claims[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := node.Claim(ctx, s.Claims[0]); !errors.Is(err, ErrAlreadyClaimed) {
		t.Errorf("second claim over RPC: %v, want ErrAlreadyClaimed", err)
	}
	bal, err := node.Balance(ctx, node.Address())
	if err != nil {
		t.Fatal(err)
	}
	if want := new(big.Int).Add(tokens(1000), tokens(4)); bal.Cmp(want) != 0 {
		t.Errorf("node balance %v, want %v", bal, want)
	}
	if err := chain.AdjustTime(time.Hour); err != ErrNotSimulated {
		t.Errorf("AdjustTime over RPC: %v, want ErrNotSimulated", err)
	}
}
