package blender

import (
	"regexp"
	"strconv"
)

// ProgressFunc hears a task's progress: done of total samples. It is the
// task's renderer.Task.Progress, called from the goroutine that reads
// Blender's output, so it must return quickly.
type ProgressFunc func(done, total int)

// progressLine matches Blender's status lines in background mode:
// Cycles prints "... | Scene, ViewLayer | Sample 8/32" (3.x and 4.x), Eevee
// "... | Rendering 8 / 32 samples".
var progressLine = regexp.MustCompile(`\| (?:Sample (\d+)/(\d+)|Rendering (\d+) / (\d+) samples)\s*$`)

func parseProgress(line string) (done, total int, ok bool) {
	m := progressLine.FindStringSubmatch(line)
	if m == nil {
		return 0, 0, false
	}
	d, t := m[1], m[2]
	if d == "" {
		d, t = m[3], m[4]
	}
	done, err1 := strconv.Atoi(d)
	total, err2 := strconv.Atoi(t)
	return done, total, err1 == nil && err2 == nil && total > 0
}
