package api

import "testing"

func TestPrefix(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{{"0xabcdef", 4, "0xab"}, {"0x", 10, "0x"}, {"", 3, ""}}
	for _, tc := range tests {
		if got := Prefix(tc.s, tc.n); got != tc.want {
			t.Errorf("Prefix(%q, %d) = %q, want %q", tc.s, tc.n, got, tc.want)
		}
	}
}
