package blender

import (
	"context"
	"strings"
	"testing"

	"github.com/conun/conun/renderer"
)

// TestTaskLog: each task's log holds Blender's own output for that task
// (its "Fra:" status lines and the "Saved:" line of its image), in a warm
// process as in a cold one, and not the output of the task before it.
func TestTaskLog(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"warm", Config{}},
		{"cold", Config{NoWarm: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newRenderer(t, tc.cfg)
			task := renderer.Task{Scene: scene(t, "texture"), Frame: 1, Width: 32, Height: 24, Samples: 2}
			var logs []string
			for _, frame := range []int{1, 2} {
				task.Frame = frame
				res, err := r.Render(context.Background(), task)
				if err != nil {
					t.Fatal(err)
				}
				logs = append(logs, res.Log)
			}
			for i, log := range logs {
				for _, want := range []string{"Fra:" + []string{"1", "2"}[i], "Saved:"} {
					if !strings.Contains(log, want) {
						t.Errorf("task %d's log lacks %q:\n%s", i+1, want, log)
					}
				}
				if len(log) > renderer.MaxLogBytes {
					t.Errorf("task %d's log is %d bytes", i+1, len(log))
				}
			}
			if strings.Contains(logs[1], "Fra:1 ") {
				t.Errorf("the second task's log holds the first's output:\n%s", logs[1])
			}
			t.Logf("second task's log:\n%s", logs[1])
		})
	}
}
