package guilocale

import "testing"

func TestFallback(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string // LANGUAGE afterwards
	}{
		{"C.UTF-8", map[string]string{"LANG": "C.UTF-8"}, "en"},
		{"C.utf8 in LC_ALL", map[string]string{"LC_ALL": "C.utf8", "LANG": "de_DE.UTF-8"}, "en"},
		{"POSIX.UTF-8", map[string]string{"LANG": "POSIX.UTF-8"}, "en"},
		{"plain C is parsed by go-locale", map[string]string{"LANG": "C"}, ""},
		{"a real locale", map[string]string{"LANG": "de_DE.UTF-8"}, ""},
		{"LC_ALL wins over a C LANG", map[string]string{"LC_ALL": "fr_FR.UTF-8", "LANG": "C.UTF-8"}, ""},
		{"LANGUAGE already set", map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "fr"}, "fr"},
		{"nothing set", map[string]string{}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{}
			for k, v := range tc.env {
				env[k] = v
			}
			Fallback(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
			if env["LANGUAGE"] != tc.want {
				t.Errorf("LANGUAGE %q, want %q", env["LANGUAGE"], tc.want)
			}
			for k, v := range tc.env {
				if k != "LANGUAGE" && env[k] != v {
					t.Errorf("%s changed from %q to %q", k, v, env[k])
				}
			}
		})
	}
}
