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
