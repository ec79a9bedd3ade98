package farm

import (
	"fmt"
	"strings"
	"testing"
)

// TestRepKey: every spelling of an address is one reputation key, the
// EIP-55 one the store's records use, whether repKey's memo already holds
// it or not, and the memo stays bounded however many addresses join.
func TestRepKey(t *testing.T) {
	const want = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed" // EIP-55's own example
	tests := []string{
		"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
		"0X5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED",
		want,
		"5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
	}
	for range 2 { // the second round from the memo
		for _, addr := range tests {
			if got := repKey(addr); got != want {
				t.Errorf("repKey(%q) = %q, want %q", addr, got, want)
			}
		}
	}
	for i := range 3 * maxRepKeys {
		addr := fmt.Sprintf("0x%040x", i)
		if got := repKey(addr); !strings.EqualFold(got, addr) {
			t.Fatalf("repKey(%q) = %q", addr, got)
		}
	}
	repKeys.Lock()
	n := len(repKeys.m)
	repKeys.Unlock()
	if n > maxRepKeys {
		t.Errorf("the memo holds %d addresses, more than %d", n, maxRepKeys)
	}
	if got := repKey(tests[0]); got != want {
		t.Errorf("after the memo was cleared: repKey = %q, want %q", got, want)
	}
}
