package telegramtest

import (
	"encoding/json"
	"strconv"

	"github.com/go-telegram/bot/models"
)

// TopicSay queues a message in forum topic thread of chat (a supergroup
// with topics) and returns its id. As Telegram does, the message carries
// message_thread_id, is_topic_message and "replies" to the topic's
// creation message, whose id is the thread id.
func (s *Server) TopicSay(chat models.Chat, from models.User, thread int, text string) int {
	m := s.NewMessage(chat, from, text)
	m.MessageThreadID, m.IsTopicMessage = thread, true
	m.ReplyToMessage = &models.Message{ID: thread, Date: m.Date, Chat: chat, MessageThreadID: thread,
		ForumTopicCreated: &models.ForumTopicCreated{Name: "topic " + strconv.Itoa(thread)}}
	s.mu.Lock()
	s.threads[[2]int64{chat.ID, int64(m.ID)}] = thread
	s.mu.Unlock()
	s.Push(models.Update{Message: m})
	return m.ID
}

// threadOfSendLocked is the topic a sent message lands in, as Telegram
// decides it: message_thread_id when given, else the topic of the message
// replied to, else none (General). The caller holds s.mu.
func (s *Server) threadOfSendLocked(chat int64, fields map[string]string) int {
	if n, err := strconv.Atoi(fields["message_thread_id"]); err == nil && n != 0 {
		return n
	}
	var reply models.ReplyParameters
	if err := json.Unmarshal([]byte(fields["reply_parameters"]), &reply); err != nil || reply.MessageID == 0 {
		return 0
	}
	return s.threads[[2]int64{chat, int64(reply.MessageID)}]
}
