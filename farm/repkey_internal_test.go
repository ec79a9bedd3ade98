package farm

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// TestRepKey: every spelling of an address is one reputation key, the
// EIP-55 one the store's records use, whether repKey's memo already holds
// it or not; the memo stays bounded however many addresses come, from
// several goroutines at once, and keeps no string that is not an address.
func TestRepKey(t *testing.T) {
	const want = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed" // EIP-55's own example
	tests := []string{
		"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
		"0X5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED",
		want,
		"5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
		// HexToAddress keeps the last 20 bytes of anything: the same key,
		// but a string the memo must not keep.
		"0x" + strings.Repeat("ab", 1000) + "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
	}
	for range 2 { // the second round from the memo
		for _, addr := range tests {
			if got := repKey(addr); got != want {
				t.Errorf("repKey(%.60q) = %q, want %q", addr, got, want)
			}
		}
	}
	repKeys.Lock()
	_, kept := repKeys.m[tests[len(tests)-1]]
	repKeys.Unlock()
	if kept {
		t.Error("the memo kept a 2 KB string that is not an address")
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range maxRepKeys {
				addr := fmt.Sprintf("0x%08x%032x", g, i)
				if got := repKey(addr); !strings.EqualFold(got, addr) {
					t.Errorf("repKey(%q) = %q", addr, got)
					return
				}
			}
		})
	}
	wg.Wait()
	repKeys.Lock()
	n := len(repKeys.m)
	repKeys.Unlock()
	if n > maxRepKeys {
		t.Errorf("the memo holds %d addresses, more than %d", n, maxRepKeys)
	}
}
