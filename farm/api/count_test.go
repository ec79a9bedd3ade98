package api

import "testing"

func TestCount(t *testing.T) {
	tests := []struct {
		n    int
		noun string
		want string
	}{
		{0, "frame", "0 frames"},
		{1, "frame", "1 frame"},
		{2, "frame", "2 frames"},
		{1, "finish", "1 finish"},
		{3, "finish", "3 finishes"},
		{1, "argument", "1 argument"},
		{2, "pass", "2 passes"},
		{-1, "task", "-1 task"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			if got := Count(tc.n, tc.noun); got != tc.want {
				t.Errorf("Count(%d, %q) = %q, want %q", tc.n, tc.noun, got, tc.want)
			}
		})
	}
}

// TestShare: an upload's progress reads the same in the CLI and the app,
// whole percents rounded down (100% only once it is all there).
func TestShare(t *testing.T) {
	tests := []struct {
		done, total int64
		want        string
	}{
		{0, 512_000_000, "0% (0 B of 512 MB)"},
		{230_000_000, 512_000_000, "44% (230 MB of 512 MB)"},
		{511_999_999, 512_000_000, "99% (512 MB of 512 MB)"},
		{512_000_000, 512_000_000, "100% (512 MB of 512 MB)"},
		{0, 0, "100% (0 B of 0 B)"},
	}
	for _, tc := range tests {
		if got := Share(tc.done, tc.total); got != tc.want {
			t.Errorf("Share(%d, %d) = %q, want %q", tc.done, tc.total, got, tc.want)
		}
	}
}
