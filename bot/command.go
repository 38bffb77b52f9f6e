package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Command is a parsed chat command such as "#立项 12 城管办" or
// "/accept@neighborbot 12 城管办".
type Command struct {
	Name    string   // canonical name ("accept"); "" if the verb is unknown
	Verb    string   // the verb as typed, after normalisation ("立项")
	Prefix  rune     // '#' or '/'
	Args    []string // the rest, split on white space
	Rest    string   // the rest as one trimmed string (folded: for numbers, codes, names)
	Text    string   // the rest as the person wrote it (full-width punctuation kept)
	Unknown bool     // a slash command we do not know
}

// Arg returns argument i, or "".
func (c *Command) Arg(i int) string {
	if i < len(c.Args) {
		return c.Args[i]
	}
	return ""
}

// RestAfter returns the text after the first n arguments, trimmed.
func (c *Command) RestAfter(n int) string { return skipFields(c.Rest, n) }

// TextAfter returns the text after the first n arguments as the person
// wrote it, trimmed.
func (c *Command) TextAfter(n int) string { return skipFields(c.Text, n) }

// skipFields returns s after its first n white-space separated fields, trimmed.
func skipFields(s string, n int) string {
	for i := 0; i < n; i++ {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
		j := strings.IndexFunc(s, unicode.IsSpace)
		if j < 0 {
			return ""
		}
		s = s[j:]
	}
	return strings.TrimSpace(s)
}

// Fold turns full-width ASCII variants and the ideographic space into their
// half-width forms, so "＃进度　１２" reads as "#进度 12".
func Fold(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\u3000':
			return ' '
		case r >= '\uff01' && r <= '\uff5e':
			return r - 0xfee0
		}
		return r
	}, s)
}

// unfolded returns the part of text that stands at byte offset off of
// folded (= Fold(text)): Fold maps rune to rune, so rune counts agree.
func unfolded(text, folded string, off int) string {
	n := utf8.RuneCountInString(folded[:off])
	for i := range text {
		if n == 0 {
			return text[i:]
		}
		n--
	}
	return ""
}

// verbTable maps every accepted verb (lower case) to a canonical name.
type verbTable map[string]string

// parse reads a command from text. ok is false when text is not a command:
// no prefix, a "#" hashtag we do not know, or a command addressed to another
// bot ("/help@otherbot").
func (v verbTable) parse(text, botUsername string) (cmd Command, ok bool) {
	folded := Fold(text)
	lead := len(folded) - len(strings.TrimLeftFunc(folded, unicode.IsSpace))
	s := strings.TrimSpace(folded)
	if s == "" || (s[0] != '#' && s[0] != '/') {
		return Command{}, false
	}
	cmd.Prefix = rune(s[0])
	verb, rest := v.splitVerb(s[1:])
	if verb == "" {
		return Command{}, false
	}
	cmd.Text = strings.TrimSpace(unfolded(text, folded, lead+1+len(s[1:])-len(rest)))
	if at := strings.IndexByte(verb, '@'); at >= 0 {
		if !strings.EqualFold(verb[at+1:], botUsername) {
			return Command{}, false
		}
		verb = verb[:at]
	}
	cmd.Verb, cmd.Rest = verb, strings.TrimSpace(rest)
	cmd.Args = strings.Fields(cmd.Rest)
	cmd.Name = v[strings.ToLower(verb)]
	if cmd.Name == "" {
		if cmd.Prefix == '#' {
			return Command{}, false
		}
		cmd.Unknown = true
	}
	return cmd, true
}

// splitVerb splits "进度12" into "进度", "12" (the longest known Chinese
// verb wins, so no space is needed after it) and "accept@bot 12" into
// "accept@bot", " 12".
func (v verbTable) splitVerb(s string) (verb, rest string) {
	end := strings.IndexFunc(s, unicode.IsSpace)
	if end < 0 {
		end = len(s)
	}
	word := s[:end]
	if isASCIIWord(word) {
		return word, s[end:]
	}
	best := ""
	for known := range v {
		if len(known) > len(best) && strings.HasPrefix(s, known) && !isASCIIWord(known) {
			best = known
		}
	}
	if best != "" {
		rest := s[len(best):]
		if strings.HasPrefix(rest, "@") { // "#进度@neighborbot 12"
			at := strings.IndexFunc(rest, unicode.IsSpace)
			if at < 0 {
				at = len(rest)
			}
			return best + rest[:at], rest[at:]
		}
		return best, rest
	}
	return word, s[end:]
}

func isASCIIWord(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r > unicode.MaxASCII {
			return false
		}
	}
	return true
}
