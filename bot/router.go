package bot

import "strings"

// Router dispatches commands by verb (Chinese or English, "#" or "/") and
// everything else to the text handler.
type Router struct {
	verbs       verbTable
	commands    map[string]HandlerFunc
	text        HandlerFunc
	unknown     HandlerFunc
	botUsername string
	mw          []Middleware
	handle      HandlerFunc // dispatch wrapped in mw, built by Use
}

// NewRouter returns an empty router. botUsername is stripped from
// "/cmd@botUsername"; commands addressed to other bots are ignored.
func NewRouter(botUsername string) *Router {
	return &Router{verbs: verbTable{}, commands: map[string]HandlerFunc{}, botUsername: botUsername}
}

// Command registers h under a canonical name and every verb that calls it.
func (r *Router) Command(name string, verbs []string, h HandlerFunc, mw ...Middleware) {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	r.commands[name] = h
	r.verbs[strings.ToLower(name)] = name
	for _, v := range verbs {
		r.verbs[strings.ToLower(Fold(v))] = name
	}
}

// Text registers the handler for messages that are not commands.
func (r *Router) Text(h HandlerFunc) { r.text = h }

// Unknown registers the handler for unknown slash commands.
func (r *Router) Unknown(h HandlerFunc) { r.unknown = h }

// Parse reads a command from text with the router's verbs.
func (r *Router) Parse(text string) (Command, bool) {
	return r.verbs.parse(text, r.botUsername)
}

// Use wraps every message the router handles — commands, text and
// unknown commands alike — in mw, the first one outermost, before the
// message is dispatched.
func (r *Router) Use(mw ...Middleware) {
	r.mw = append(r.mw, mw...)
	r.handle = Chain(r.dispatch, r.mw...)
}

// Handle is the router's HandlerFunc.
func (r *Router) Handle(c *Context) error {
	if r.handle != nil {
		return r.handle(c)
	}
	return r.dispatch(c)
}

func (r *Router) dispatch(c *Context) error {
	cmd, ok := r.Parse(c.Msg.Text)
	if !ok {
		if r.text == nil {
			return nil
		}
		return r.text(c)
	}
	c.Command = &cmd
	if cmd.Unknown {
		if r.unknown == nil {
			return nil
		}
		return r.unknown(c)
	}
	return r.commands[cmd.Name](c)
}
