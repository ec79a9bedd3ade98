package external

import (
	"context"
	"image"
	"strings"
	"testing"

	"github.com/conun/conun/renderer"
)

// TestTaskLog: a command's stdout and stderr are the task's log, bounded:
// of 100 MiB printed, the log keeps the warning and the tail; a failed
// command's log rides on its error.
func TestTaskLog(t *testing.T) {
	t.Parallel()
	task := renderer.Task{Scene: "unused", Frame: 4, Width: 64, Height: 48, Samples: 1, Region: image.Rect(0, 0, 16, 16)}
	tests := []struct {
		mode    string
		wantErr bool
		want    []string
	}{
		{"chatty", false, []string{"Warning: texture //wood.png not found", "[... earlier output not kept]", "chatty: frame 4 done"}},
		{"fail", true, []string{"boom: scene is broken", "noise before the error"}},
	}
	for _, tc := range tests {
		t.Run(tc.mode, func(t *testing.T) {
			res, err := newHelper(t, tc.mode).Render(context.Background(), task)
			log := res.Log
			if tc.wantErr {
				if err == nil {
					t.Fatal("no error")
				}
				log = renderer.ErrorLog(err)
			} else if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(log, w) {
					t.Errorf("log lacks %q; its end:\n%s", w, log[max(0, len(log)-300):])
				}
			}
			if len(log) > renderer.MaxLogBytes {
				t.Errorf("log is %d bytes, want <= %d", len(log), renderer.MaxLogBytes)
			}
		})
	}
}
