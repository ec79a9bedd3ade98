package external

import (
	"errors"
	"fmt"
	"strings"
)

// ErrBadCommand is wrapped by errors about a command line that cannot be
// split or run.
var ErrBadCommand = errors.New("bad renderer command")

// Split splits a command line into fields the way a POSIX shell would for
// a simple command, with no shell involved: fields are separated by
// unquoted blanks; single quotes keep everything literally; double quotes
// keep everything but \" \\ \$ and \` escapes; a backslash outside quotes
// keeps the next character. Variables, globs, pipes and redirections are
// not expanded: their characters are plain text.
func Split(s string) ([]string, error) {
	var (
		fields  []string
		cur     strings.Builder
		inField bool
	)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if inField {
				fields = append(fields, cur.String())
				cur.Reset()
				inField = false
			}
		case c == '\\':
			if i+1 == len(s) {
				return nil, fmt.Errorf("%w: %q ends with a lone backslash", ErrBadCommand, s)
			}
			i++
			cur.WriteByte(s[i])
			inField = true
		case c == '\'':
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				return nil, fmt.Errorf("%w: %q has an unterminated single quote", ErrBadCommand, s)
			}
			cur.WriteString(s[i+1 : i+1+end])
			i += end + 1
			inField = true
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\"\\$`", s[i+1]) >= 0 {
					i++
				}
				cur.WriteByte(s[i])
			}
			if i == len(s) {
				return nil, fmt.Errorf("%w: %q has an unterminated double quote", ErrBadCommand, s)
			}
			inField = true
		default:
			cur.WriteByte(c)
			inField = true
		}
	}
	if inField {
		fields = append(fields, cur.String())
	}
	return fields, nil
}

// Quote returns s quoted so that Split reads it back as one field.
func Quote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n\r'\"\\") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
