package api

import (
	"encoding/json"
	"errors"
	"math/big"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestParseTokens: how each spelling of an amount is read, in wei, or
// refused with an error that names the problem.
func TestParseTokens(t *testing.T) {
	tests := []struct {
		in      string
		wantWei string // "" when refused
		wantErr string
	}{
		{"0", "0", ""},
		{"1", "1000000000000000000", ""},
		{"1.5", "1500000000000000000", ""},
		{"0.03", "30000000000000000", ""},
		{"0.000000000000000001", "1", ""},
		{"007.50", "7500000000000000000", ""},
		{"1.0000000000000000000000", "1000000000000000000", ""}, // zeros past the 18th decimal are exact
		{"1000000000000000000", "1000000000000000000000000000000000000", ""},
		{"0.0000000000000000001", "", "has 19 decimals"},
		{"0.1234567890123456789", "", "has 19 decimals"},
		{"1e-18", "", "without an exponent"},
		{"1E3", "", "without an exponent"},
		{"-1", "", "negative"},
		{"-0", "", "negative"},
		{"+1", "", "want a decimal"},
		{"", "", "empty"},
		{".5", "500000000000000000", ""},
		{"7.", "7000000000000000000", ""},
		{".", "", "want a decimal"},
		{"1.2.3", "", "want a decimal"},
		{" 1", "", "want a decimal"},
		{"0x10", "", "want a decimal"},
		{"NaN", "", "want a decimal"},
		{"Inf", "", "want a decimal"},
		{"1_000", "", "want a decimal"},
		{strings.Repeat("9", 41), "", "too large"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseTokens(tc.in)
			if tc.wantErr != "" {
				if !errors.Is(err, ErrBadAmount) || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("ParseTokens(%q) = %v, %v; want an error saying %q", tc.in, got, err, tc.wantErr)
				}
				return
			}
			if err != nil || got.Wei().String() != tc.wantWei {
				t.Fatalf("ParseTokens(%q) = %v wei, %v; want %s wei", tc.in, got.Wei(), err, tc.wantWei)
			}
		})
	}
}

// TestTokensText: amounts are written with exactly their decimals, and
// read back the same.
func TestTokensText(t *testing.T) {
	tests := []struct {
		wei  string
		want string
	}{
		{"0", "0"},
		{"1", "0.000000000000000001"},
		{"30000000000000000", "0.03"},
		{"29999999999999999", "0.029999999999999999"},
		{"1000000000000000000", "1"},
		{"1500000000000000000", "1.5"},
		{"123456789000000000000000", "123456.789"},
	}
	for _, tc := range tests {
		w, _ := new(big.Int).SetString(tc.wei, 10)
		tok := TokensFromWei(w)
		if got := tok.String(); got != tc.want {
			t.Errorf("%s wei: %q, want %q", tc.wei, got, tc.want)
		}
		if got := FormatTokens(w); got != tc.want {
			t.Errorf("FormatTokens(%s) = %q, want %q", tc.wei, got, tc.want)
		}
		if back := MustTokens(tc.want); back != tok {
			t.Errorf("%q read back as %v", tc.want, back.Wei())
		}
	}
	if got := FormatTokens(big.NewInt(-30000000000000000)); got != "-0.03" {
		t.Errorf("FormatTokens(-0.03 tokens) = %q", got)
	}
}

// TestTokensJSON: a spec's amounts are JSON numbers with their exact
// digits, so a spec hashes as it did when they were float64s; a string is
// read as well, and neither goes through a float.
func TestTokensJSON(t *testing.T) {
	// An old spec, as a float64 budget and price were written.
	old := `{"renderer":"pathtracer","scene":"ab","frames":{"start":1,"end":1,"step":1},"res":{"w":64,"h":64},"samples":1,"seed":0,"tiles":{"cols":1,"rows":1},"budget":0.03,"max_price":12.5}`
	var spec JobSpec
	if err := json.Unmarshal([]byte(old), &spec); err != nil {
		t.Fatal(err)
	}
	if spec.Budget.Wei().String() != "30000000000000000" || spec.MaxPrice != MustTokens("12.5") {
		t.Fatalf("budget %v wei, max price %v", spec.Budget.Wei(), spec.MaxPrice)
	}
	again, _ := json.Marshal(spec)
	if !strings.Contains(string(again), `"budget":0.03,`) || !strings.Contains(string(again), `"max_price":12.5`) {
		t.Fatalf("re-encoded %s", again)
	}
	// The old float encoding wrote the same bytes: the hash is unchanged.
	type oldSpec struct {
		Budget   float64 `json:"budget,omitempty"`
		MaxPrice float64 `json:"max_price,omitempty"`
	}
	for _, v := range []string{"0.03", "50", "12.5", "0.1", "999999.999999"} {
		tok := MustTokens(v)
		var f float64
		json.Unmarshal([]byte(v), &f)
		was, _ := json.Marshal(oldSpec{Budget: f, MaxPrice: f})
		now, _ := json.Marshal(struct {
			Budget   Tokens `json:"budget,omitzero"`
			MaxPrice Tokens `json:"max_price,omitzero"`
		}{tok, tok})
		if string(was) != string(now) {
			t.Errorf("%s: float64 wrote %s, Tokens writes %s", v, was, now)
		}
	}
	// A zero amount is left out, as a zero float was.
	if b, _ := json.Marshal(JobSpec{}); strings.Contains(string(b), "budget") || strings.Contains(string(b), "max_price") {
		t.Errorf("zero amounts written: %s", b)
	}
	for _, tc := range []struct {
		in, want, wantErr string
	}{
		{`"0.03"`, "0.03", ""},
		{`0.000000000000000001`, "0.000000000000000001", ""},
		{`null`, "0", ""},
		{`1e-18`, "", "exponent"},
		{`-1`, "", "negative"},
		{`"abc"`, "", "want a decimal"},
		{`true`, "", "want a decimal"},
		{`0.0000000000000000001`, "", "19 decimals"},
	} {
		var tok Tokens
		err := json.Unmarshal([]byte(tc.in), &tok)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%s: %v, %v; want an error saying %q", tc.in, tok, err, tc.wantErr)
			}
			continue
		}
		if err != nil || tok.String() != tc.want {
			t.Errorf("%s: %v, %v; want %s", tc.in, tok, err, tc.want)
		}
	}
}

// TestTokensYAML: a manifest's amount is read from its text as written.
func TestTokensYAML(t *testing.T) {
	var m struct {
		Budget Tokens `yaml:"budget"`
	}
	if err := yaml.Unmarshal([]byte("budget: 0.03\n"), &m); err != nil || m.Budget.Wei().String() != "30000000000000000" {
		t.Fatalf("budget %v wei, %v", m.Budget.Wei(), err)
	}
	if err := yaml.Unmarshal([]byte("\nbudget: -2\n"), &m); err == nil || !strings.Contains(err.Error(), "line 2") || !strings.Contains(err.Error(), "negative") {
		t.Fatalf("negative budget: %v", err)
	}
}

// FuzzParseTokens: any text is refused or read to an amount that writes
// back to a spelling that reads the same, through JSON as well.
func FuzzParseTokens(f *testing.F) {
	for _, s := range []string{"0", "1", "0.03", "1.5", "0.000000000000000001", "1e-18", "-1", "007.50", "1.0000000000000000000000", "", "."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tok, err := ParseTokens(s)
		if err != nil {
			if !errors.Is(err, ErrBadAmount) {
				t.Fatalf("error %v is not ErrBadAmount", err)
			}
			return
		}
		if tok.Wei().Sign() < 0 {
			t.Fatalf("%q read as negative %v", s, tok.Wei())
		}
		back, err := ParseTokens(tok.String())
		if err != nil || back != tok {
			t.Fatalf("%q -> %q -> %v, %v", s, tok.String(), back, err)
		}
		if TokensFromWei(tok.Wei()) != tok {
			t.Fatalf("%q: wei round trip changed it", s)
		}
		b, _ := json.Marshal(tok)
		var j Tokens
		if err := json.Unmarshal(b, &j); err != nil || j != tok {
			t.Fatalf("%q: JSON %s read back as %v, %v", s, b, j, err)
		}
	})
}
