package main

import "flag"

// envString is a string flag whose default comes from an environment
// variable, for secrets (the gossip key, an API token). The flag package
// prints a flag's default in -h, and --print-config prints what String
// returns; a default read from the environment is neither, so a secret
// kept in the environment never lands on a screen or in a support paste.
type envString struct {
	v   string // the value in effect: the flag's, or the environment's
	set bool   // given by a flag or a config key
}

// envFlag defines a string flag named name, defaulting to the value of
// the environment variable env.
func envFlag(fs *flag.FlagSet, name, env, usage string, lookup func(string) string) *envString {
	e := &envString{v: lookup(env)}
	fs.Var(e, name, usage)
	return e
}

// Set records a value given by a flag or a config key.
func (e *envString) Set(s string) error { e.v, e.set = s, true; return nil }

// String is the value given by a flag or a config key; a value taken
// from the environment reads as unset.
func (e *envString) String() string {
	if e == nil || !e.set {
		return ""
	}
	return e.v
}

// Value is the value in effect.
func (e *envString) Value() string { return e.v }
