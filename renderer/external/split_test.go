package external

import (
	"slices"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		err  bool
	}{
		{"", nil, false},
		{"  a  b\tc\n", []string{"a", "b", "c"}, false},
		{`'/opt/my renderer/run' --x`, []string{"/opt/my renderer/run", "--x"}, false},
		{`a"b c"d`, []string{"ab cd"}, false},
		{`"say \"hi\" \\ \n"`, []string{`say "hi" \ \n`}, false},
		{`'it'\''s'`, []string{"it's"}, false},
		{`a\ b`, []string{"a b"}, false},
		{`''`, []string{""}, false},
		{`$HOME *.png | x > y`, []string{"$HOME", "*.png", "|", "x", ">", "y"}, false},
		{`'open`, nil, true},
		{`"open`, nil, true},
		{`end\`, nil, true},
	}
	for _, tc := range tests {
		got, err := Split(tc.in)
		if (err != nil) != tc.err || !slices.Equal(got, tc.want) {
			t.Errorf("Split(%q) = %q, %v; want %q (error %v)", tc.in, got, err, tc.want, tc.err)
		}
	}
}

// FuzzSplit checks that Split never panics and that quoting any fields
// and splitting them again gives them back.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{`a 'b c' "d\"e"`, `\`, `''`, "x\ty"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fields, err := Split(s)
		if err != nil {
			return
		}
		quoted := make([]string, len(fields))
		for i, fl := range fields {
			quoted[i] = Quote(fl)
		}
		again, err := Split(strings.Join(quoted, " "))
		if err != nil || !slices.Equal(again, fields) {
			t.Fatalf("Split(%q) = %q; quoted %q splits to %q, %v", s, fields, quoted, again, err)
		}
	})
}
