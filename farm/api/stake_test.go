package api

import (
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"
)

func TestParseTokenAmount(t *testing.T) {
	tests := []struct {
		in   string
		want string // wei; empty: refused
	}{
		{"1", "1000000000000000000"},
		{"0.03", "30000000000000000"}, // a float64 makes this 29999999999999999
		{"2.5", "2500000000000000000"},
		{".5", "500000000000000000"},
		{"7.", "7000000000000000000"},
		{"0.000000000000000001", "1"},
		{"123456789012345678901234567890", "123456789012345678901234567890000000000000000000"},
		{"0.0000000000000000001", ""}, // 19 decimals: below a wei
		{"0", ""},
		{"0.000", ""},
		{"", ""},
		{".", ""},
		{"-1", ""},
		{"+1", ""},
		{"1e3", ""},
		{"1,5", ""},
		{" 1", ""},
		{"1.2.3", ""},
		{"0x10", ""},
		{"NaN", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseTokenAmount(tc.in)
			if tc.want == "" {
				if err == nil || !errors.Is(err, ErrBadAmount) || !strings.Contains(err.Error(), "tokens") {
					t.Fatalf("ParseTokenAmount(%q) = %v, %v; want ErrBadAmount naming tokens", tc.in, got, err)
				}
				return
			}
			if err != nil || got.String() != tc.want {
				t.Fatalf("ParseTokenAmount(%q) = %v, %v; want %s wei", tc.in, got, err, tc.want)
			}
		})
	}
}

// FuzzParseTokenAmount: any text either parses to a positive wei amount
// that FormatTokens-style decimal writing reads back exactly, or is refused
// with ErrBadAmount; it never panics.
func FuzzParseTokenAmount(f *testing.F) {
	for _, s := range []string{"1", "0.03", "2.5", "1/3", "0.0000000000000000001", ".5", "7.", "0.000000000000000001", "1e3", "-1", "", "99999999999999999999999999.123456789012345678"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		wei, err := ParseTokenAmount(s)
		if err != nil {
			if !errors.Is(err, ErrBadAmount) || !strings.Contains(err.Error(), fmt.Sprintf("%q", s)) {
				t.Fatalf("%q: %v is not ErrBadAmount naming the input", s, err)
			}
			return
		}
		// Exactly the decimal's value: big.Rat reads the same text
		// without rounding.
		if want, ok := new(big.Rat).SetString(s); !ok || new(big.Rat).SetFrac(wei, new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)).Cmp(want) != 0 {
			t.Fatalf("%q read as %s wei", s, wei)
		}
		if wei.Sign() <= 0 {
			t.Fatalf("%q: parsed to %v, want > 0", s, wei)
		}
		// Written back with all 18 decimals, it parses to the same wei.
		unit := new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)
		whole, frac := new(big.Int).QuoRem(wei, unit, new(big.Int))
		back := whole.String() + "." + strings.Repeat("0", 18-len(frac.String())) + frac.String()
		again, err := ParseTokenAmount(back)
		if err != nil || again.Cmp(wei) != 0 {
			t.Fatalf("%q -> %v -> %q -> %v, %v", s, wei, back, again, err)
		}
	})
}
