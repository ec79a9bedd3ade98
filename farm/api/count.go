package api

import (
	"fmt"
	"strings"
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
