package api

import (
	"errors"
	"strings"
	"testing"
)

// TestParseDay: --since and ?since= take a UTC day as YYYY-MM-DD and
// nothing else, and a refusal names the format.
func TestParseDay(t *testing.T) {
	tests := []struct {
		in, want string // want "": refused
	}{
		{"2026-12-01", "2026-12-01"},
		{"2024-02-29", "2024-02-29"},
		{"2026-02-29", ""},
		{"2026-13-01", ""},
		{"yesterday", ""},
		{"01/12/2026", ""},
		{"2026-12-01T00:00:00Z", ""},
		{"", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			d, err := ParseDay(tc.in)
			if tc.want == "" {
				if !errors.Is(err, ErrBadDay) || !strings.Contains(err.Error(), "YYYY-MM-DD") {
					t.Fatalf("ParseDay(%q) = %v, %v; want ErrBadDay naming YYYY-MM-DD", tc.in, d, err)
				}
				return
			}
			if err != nil || d.Format(DayLayout) != tc.want || d.Location().String() != "UTC" {
				t.Fatalf("ParseDay(%q) = %v, %v; want %s UTC", tc.in, d, err, tc.want)
			}
		})
	}
}

// FuzzParseDay: any input is a day that writes back the same, or a
// refusal; never a panic.
func FuzzParseDay(f *testing.F) {
	for _, s := range []string{"2026-12-01", "0000-01-01", "2026-1-1", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDay(s)
		if err != nil {
			return
		}
		if back, err := ParseDay(d.Format(DayLayout)); err != nil || !back.Equal(d) {
			t.Fatalf("ParseDay(%q) = %v, which reads back as %v, %v", s, d, back, err)
		}
	})
}
