package main

import (
	"errors"
	"strings"
	"testing"

	"github.com/conun/conun/farm/api"
)

// TestStakeFlags: the minimum stake defaults to 1 token in an open cluster
// on a chain and to 0 in a private one; 0 is refused in an open cluster on
// a chain, and stakes off a chain are refused, each naming the way out.
func TestStakeFlags(t *testing.T) {
	tests := []struct {
		name             string
		stake            string
		min              string
		onChain, private bool
		wantStake        string
		wantMin          string
		wantErr          string
	}{
		{"no chain", "0", "", false, false, "0", "0", ""},
		{"open chain default", "0", "", true, false, "0", "1", ""},
		{"private chain default", "0", "", true, true, "0", "0", ""},
		{"open chain, staked, higher minimum", "5", "2.5", true, false, "5", "2.5", ""},
		{"private chain, zero allowed", "1", "0", true, true, "1", "0", ""},
		{"open chain, zero refused", "0", "0", true, false, "0", "0", "--gossip-key"},
		{"minimum off a chain", "0", "1", false, true, "0", "0", "needs --chain"},
		{"stake off a chain", "1", "", false, false, "0", "0", "needs --chain"},
		{"negative minimum", "0", "-2", true, false, "0", "0", "\"-2\" is negative"},
		{"not a number", "0", "lots", true, false, "0", "0", "--min-stake: bad token amount: \"lots\""},
		{"infinite", "0", "Inf", true, false, "0", "0", "want a decimal"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stake, min, err := stakeFlags(api.MustTokens(tc.stake), tc.min, tc.onChain, tc.private)
			if tc.wantErr != "" {
				if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("got %v, want a usage error containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || stake != api.MustTokens(tc.wantStake) || min != api.MustTokens(tc.wantMin) {
				t.Fatalf("got %v, %v, %v; want %v, %v", stake, min, err, tc.wantStake, tc.wantMin)
			}
		})
	}
}
