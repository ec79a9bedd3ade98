package api

import (
	"encoding/hex"
	"errors"
	"strings"
	"testing"
)

func TestParseIDs(t *testing.T) {
	escrow := "0x" + strings.Repeat("0a", 32)
	tests := []struct {
		name  string
		parse func(string) (string, error)
		in    string
		ok    bool
		inMsg string // a piece the error must name
	}{
		{"job id", ParseJobID, "0123456789abcdef", true, ""},
		{"job id upper", ParseJobID, "0123456789ABCDEF", false, "lowercase"},
		{"job id short", ParseJobID, "0123456789abcde", false, "16"},
		{"job id 0x", ParseJobID, "0x0123456789abcdef", false, "job id"},
		{"job id traversal", ParseJobID, "../../../etc/pas", false, "job id"},
		{"escrow", ParseEscrowID, escrow, true, ""},
		{"escrow no 0x", ParseEscrowID, strings.TrimPrefix(escrow, "0x"), false, "0x"},
		{"escrow 0X", ParseEscrowID, "0X" + escrow[2:], false, "0x"},
		{"escrow upper", ParseEscrowID, strings.ToUpper(escrow[:3]) + escrow[3:], false, "lowercase"},
		{"escrow leading zeros", ParseEscrowID, "0x00" + escrow[2:], false, "64"},
		{"escrow short", ParseEscrowID, escrow[:65], false, "64"},
		{"escrow huge", ParseEscrowID, "0x" + strings.Repeat("0", 1<<20), false, "bytes"},
		{"ref job", ParseJobRef, "0123456789abcdef", true, ""},
		{"ref escrow", ParseJobRef, escrow, true, ""},
		{"ref other", ParseJobRef, "0x0123", false, "farm id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.parse(tc.in)
			if tc.ok {
				if err != nil || got != tc.in {
					t.Fatalf("parse(%q) = %q, %v; want it back", tc.in, got, err)
				}
				return
			}
			if err == nil || !errors.Is(err, ErrBadID) || !strings.Contains(err.Error(), tc.inMsg) {
				t.Fatalf("parse(%.40q) = %q, %v; want ErrBadID naming %q", tc.in, got, err, tc.inMsg)
			}
			if len(err.Error()) > 300 {
				t.Errorf("error echoes the input: %d bytes", len(err.Error()))
			}
		})
	}
}

// FuzzParseIDs checks that an accepted id has one spelling: it is its own
// canonical form (lowercase hex that decodes and encodes back to itself),
// so no two accepted inputs name the same job.
func FuzzParseIDs(f *testing.F) {
	f.Add("0123456789abcdef")
	f.Add("0x" + strings.Repeat("ab", 32))
	f.Add("0x00" + strings.Repeat("ab", 32))
	f.Add("0X" + strings.Repeat("AB", 32))
	f.Fuzz(func(t *testing.T, s string) {
		for _, parse := range []func(string) (string, error){ParseJobID, ParseEscrowID, ParseJobRef} {
			got, err := parse(s)
			if err != nil {
				if !errors.Is(err, ErrBadID) {
					t.Fatalf("error %v does not wrap ErrBadID", err)
				}
				continue
			}
			if got != s {
				t.Fatalf("accepted %q as %q", s, got)
			}
			digits := strings.TrimPrefix(got, "0x")
			b, err := hex.DecodeString(digits)
			if err != nil || hex.EncodeToString(b) != digits || (len(b) != 8 && len(b) != 32) {
				t.Fatalf("accepted %q, which is not canonical hex of 8 or 32 bytes", s)
			}
			if len(b) == 32 && !strings.HasPrefix(got, "0x") || len(b) == 8 && strings.HasPrefix(got, "0x") {
				t.Fatalf("accepted %q with the wrong prefix", s)
			}
		}
	})
}
