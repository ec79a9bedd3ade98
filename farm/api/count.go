package api

import (
	"fmt"
	"strings"

	"github.com/dustin/go-humanize"
)

// Count writes n with its noun in the right number ("1 frame", "2 frames",
// "0 finishes"), for every line the CLI, the app and the node show people:
// "1 frames" reads as a bug, and each caller guessing the plural by hand
// is how it crept in. noun is the singular of a regular English noun.
func Count(n int, noun string) string {
	if n == 1 || n == -1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	for _, end := range []string{"s", "x", "ch", "sh"} {
		if strings.HasSuffix(noun, end) {
			return fmt.Sprintf("%d %ses", n, noun)
		}
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Share says how far done is of total bytes, for people: "45% (230 MB of
// 512 MB)". The CLI's and the app's upload progress both read so.
func Share(done, total int64) string {
	return fmt.Sprintf("%d%% (%s of %s)", Percent(done, total), humanize.Bytes(uint64(max(done, 0))), humanize.Bytes(uint64(max(total, 0))))
}

// Percent is done of total in whole percents, rounded down (100 for a
// total of 0): what progress shows, and so when it is worth redrawing.
func Percent(done, total int64) int {
	if total <= 0 {
		return 100
	}
	return int(100 * float64(done) / float64(total))
}
