<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ClientPanel</name>
    <message>
        <source>&lt;b&gt;Client&lt;/b&gt;</source>
        <translation>&lt;b&gt;客户端&lt;/b&gt;</translation>
    </message>
    <message>
        <source>host:port to connect to</source>
        <translation>要连接的 host:port</translation>
    </message>
    <message>
        <source>Target address</source>
        <translation>目标地址</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>How many connections &quot;Open N&quot; opens at once</source>
        <translation>“批量打开”一次打开的连接数</translation>
    </message>
    <message>
        <source>Open N</source>
        <translation>批量打开</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>重连</translation>
    </message>
    <message>
        <source>Open a new connection with the options of the selected one</source>
        <translation>按所选连接的选项新开一个连接</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Give up connecting after this long (Qt&apos;s own timer is 30 s, the kernel&apos;s about 127 s)</source>
        <translation>连接超过这个时长即放弃（Qt 自带的计时器为 30 s，内核约为 127 s）</translation>
    </message>
    <message>
        <source>No delay</source>
        <translation>无延迟</translation>
    </message>
    <message>
        <source>TCP_NODELAY: send small writes at once instead of waiting (Nagle)</source>
        <translation>TCP_NODELAY：小块写入立即发出，不再等待合并（Nagle 算法）</translation>
    </message>
    <message>
        <source>Keepalive</source>
        <translation>保活</translation>
    </message>
    <message>
        <source>local bind (optional)</source>
        <translation>本地绑定（可选）</translation>
    </message>
    <message>
        <source>Local bind address</source>
        <translation>本地绑定地址</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>Client connections</source>
        <translation>客户端连接</translation>
    </message>
    <message>
        <source>SO_KEEPALIVE: find a dead peer on an idle connection; idle, interval and probes under Advanced (10 s, 5 s, 3 unless changed)</source>
        <translation>SO_KEEPALIVE：在空闲连接上发现已失效的对端；空闲时间、间隔和探测次数在“高级”中设置（未修改时为 10 秒、5 秒、3 次）</translation>
    </message>
    <message>
        <source>host:port to bind before connecting (:port for any local address); a port in TIME_WAIT fails with &quot;address in use&quot;</source>
        <translation>连接前绑定的 host:port（:port 表示任意本地地址）；处于 TIME_WAIT 的端口会因 &quot;address in use&quot; 而失败</translation>
    </message>
</context>
<context>
    <name>ConnectionActions</name>
    <message>
        <source>Half-close</source>
        <translation>半关闭</translation>
    </message>
    <message>
        <source>Send FIN after the pending bytes: done sending, still reading (shutdown SHUT_WR)</source>
        <translation>发完待发字节后发送 FIN：不再发送，仍可读取（shutdown SHUT_WR）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Flush what is queued, then close gracefully (FIN)</source>
        <translation>先发完队列中的数据，再正常关闭（FIN）</translation>
    </message>
    <message>
        <source>Reset (RST)</source>
        <translation>重置 (RST)</translation>
    </message>
    <message>
        <source>Abort with an RST (SO_LINGER 0): unsent bytes are thrown away</source>
        <translation>用 RST 中止连接（SO_LINGER 0）：未发送的字节被丢弃</translation>
    </message>
    <message>
        <source>Pause reading</source>
        <translation>暂停读取</translation>
    </message>
    <message>
        <source>Stop reading so the receive window fills: a slow reader</source>
        <translation>停止读取，让接收窗口填满：模拟读得慢的一方</translation>
    </message>
    <message>
        <source>Remove closed</source>
        <translation>移除已关闭</translation>
    </message>
    <message>
        <source>Forget connections that have ended, in both panels</source>
        <translation>从两个面板中移除已结束的连接</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>发送到</translation>
    </message>
    <message>
        <source>Send the composer&apos;s bytes to the selected connections, or to all of this panel&apos;s</source>
        <translation>将编辑器中的字节发送到所选连接，或本面板的全部连接</translation>
    </message>
</context>
<context>
    <name>ConnectionView</name>
    <message>
        <source>Select a connection in the server or client panel.</source>
        <translation>请在服务器或客户端面板中选择一个连接。</translation>
    </message>
    <message>
        <source>Framing</source>
        <translation>分帧</translation>
    </message>
    <message>
        <source>Framing spec</source>
        <translation>分帧规则</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Decode this direction&apos;s stored bytes again with this framing</source>
        <translation>用此分帧规则重新解码该方向已保存的字节</translation>
    </message>
    <message>
        <source>&lt;b&gt;Chunks&lt;/b&gt; (what each read or write returned)</source>
        <translation>&lt;b&gt;数据块&lt;/b&gt;（每次 read 或 write 的结果）</translation>
    </message>
    <message>
        <source>Chunks</source>
        <translation>数据块</translation>
    </message>
    <message>
        <source>&lt;b&gt;Messages&lt;/b&gt; (what the decoder reassembled)</source>
        <translation>&lt;b&gt;消息&lt;/b&gt;（解码器重组的结果）</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Copy as</source>
        <translation>复制为</translation>
    </message>
    <message>
        <source>Follow live</source>
        <translation>跟随实时</translation>
    </message>
    <message>
        <source>Keep the newest chunks and messages in view while a table is scrolled to its end; scroll up to stop, back to the end to follow again</source>
        <translation>表格滚动到末尾时，始终显示最新的数据块和消息；向上滚动即停止，滚回末尾即重新跟随</translation>
    </message>
    <message>
        <source>Which direction of the connection the tables and the hex view show, or both as a conversation</source>
        <translation>表格和十六进制视图显示连接的哪个方向，或以对话形式显示两个方向</translation>
    </message>
    <message>
        <source>A TLS connection is recorded twice: the plaintext the application read and wrote, and the TLS records as they crossed the socket</source>
        <translation>TLS 连接会记录两份：应用读写的明文，以及经过套接字的 TLS 记录</translation>
    </message>
    <message>
        <source>Plaintext</source>
        <translation>明文</translation>
    </message>
    <message>
        <source>Show the decrypted bytes, as the application read and wrote them</source>
        <translation>显示解密后的字节，即应用读写到的内容</translation>
    </message>
    <message>
        <source>TLS records</source>
        <translation>TLS 记录</translation>
    </message>
    <message>
        <source>Show the TLS records as they crossed the socket: one chunk per read or send, one message per record</source>
        <translation>显示经过套接字的 TLS 记录：每次 read 或 send 一个数据块，每条记录一条消息</translation>
    </message>
</context>
<context>
    <name>ConversationPane</name>
    <message>
        <source>Select a connection to see its conversation.</source>
        <translation>选择一个连接以查看它的对话。</translation>
    </message>
    <message>
        <source>Both directions as a conversation, or one direction&apos;s chunks and messages</source>
        <translation>以对话形式显示两个方向，或显示一个方向的数据块与消息</translation>
    </message>
    <message>
        <source>client → server</source>
        <translation>客户端 → 服务器</translation>
    </message>
    <message>
        <source>Bytes the client sent, in the order they were read or written</source>
        <translation>客户端发送的字节，按读取或写入的顺序</translation>
    </message>
    <message>
        <source>server → client</source>
        <translation>服务器 → 客户端</translation>
    </message>
    <message>
        <source>Bytes the server sent, in the order they were read or written</source>
        <translation>服务器发送的字节，按读取或写入的顺序</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Follow live</source>
        <translation>跟随实时</translation>
    </message>
    <message>
        <source>Keep the newest bytes in view while the conversation is scrolled to its end</source>
        <translation>对话滚动到末尾时，始终显示最新的字节</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>A TLS connection is recorded twice: the plaintext the application read and wrote, and the TLS records as they crossed the socket</source>
        <translation>TLS 连接会记录两份：应用读写的明文，以及经过套接字的 TLS 记录</translation>
    </message>
    <message>
        <source>Plaintext</source>
        <translation>明文</translation>
    </message>
    <message>
        <source>Show the decrypted bytes, as the application read and wrote them</source>
        <translation>显示解密后的字节，即应用读写到的内容</translation>
    </message>
    <message>
        <source>TLS records</source>
        <translation>TLS 记录</translation>
    </message>
    <message>
        <source>Show the TLS records as they crossed the socket: one chunk per read or send, one message per record</source>
        <translation>显示经过套接字的 TLS 记录：每次 read 或 send 一个数据块，每条记录一条消息</translation>
    </message>
</context>
<context>
    <name>EventLogPane</name>
    <message>
        <source>&lt;b&gt;Events&lt;/b&gt;</source>
        <translation>&lt;b&gt;事件&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Connection filter</source>
        <translation>连接过滤</translation>
    </message>
    <message>
        <source>Show the events of one connection, of the listener, or of all</source>
        <translation>显示某个连接、监听方或全部的事件</translation>
    </message>
    <message>
        <source>Kinds</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Which kinds of event to show</source>
        <translation>要显示哪些类型的事件</translation>
    </message>
    <message>
        <source>Filter text</source>
        <translation>过滤文本</translation>
    </message>
    <message>
        <source>Text filter</source>
        <translation>文本过滤</translation>
    </message>
    <message>
        <source>Show the events whose connection, description or explanation contains this text</source>
        <translation>显示连接、描述或解释中包含此文本的事件</translation>
    </message>
    <message>
        <source>Follow live</source>
        <translation>跟随实时</translation>
    </message>
    <message>
        <source>Keep new events in view while the table is scrolled to its end; scroll up to stop, back down to resume</source>
        <translation>表格滚动到末尾时让新事件保持可见；向上滚动即停止，滚回末尾即恢复</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>事件日志</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in messages</source>
        <translation>在消息中查找</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Show only the messages that contain what is in the find field (errors and the unfinished tail stay)</source>
        <translation>只显示包含查找框内容的消息（错误和未完成的尾部仍会显示）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>TCP Inspector</source>
        <translation>TCP Inspector</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Copy bytes as</source>
        <translation>字节复制为(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Connection</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;Listen / Stop</source>
        <translation>监听/停止(&amp;L)</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>Start or stop the server</source>
        <translation>启动或停止服务器</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <source>Open a client connection to the target</source>
        <translation>向目标地址打开一个客户端连接</translation>
    </message>
    <message>
        <source>&amp;Half-close</source>
        <translation>半关闭(&amp;H)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+H</source>
        <translation>Ctrl+Shift+H</translation>
    </message>
    <message>
        <source>Ctrl+Shift+W</source>
        <translation>Ctrl+Shift+W</translation>
    </message>
    <message>
        <source>&amp;Reset (RST)</source>
        <translation>重置 (RST)(&amp;R)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>Remove c&amp;losed connections</source>
        <translation>移除已关闭的连接(&amp;L)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+K</source>
        <translation>Ctrl+Shift+K</translation>
    </message>
    <message>
        <source>Forget every connection that has ended</source>
        <translation>移除所有已结束的连接</translation>
    </message>
    <message>
        <source>&amp;Find in messages</source>
        <translation>在消息中查找(&amp;F)</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>Show &amp;received bytes</source>
        <translation>显示接收的字节(&amp;R)</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>Show &amp;sent bytes</source>
        <translation>显示发送的字节(&amp;S)</translation>
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <source>&amp;About TCP Inspector</source>
        <translation>关于 TCP Inspector(&amp;A)</translation>
    </message>
    <message>
        <source>Cl&amp;ose</source>
        <translation>关闭(&amp;O)</translation>
    </message>
    <message>
        <source>Reset &amp;layout</source>
        <translation>重置布局(&amp;L)</translation>
    </message>
    <message>
        <source>Show every panel again, arranged for this screen</source>
        <translation>重新显示所有面板，按此屏幕排列</translation>
    </message>
    <message>
        <source>Send FIN on the selected connections: done sending, still reading</source>
        <translation>在选中的连接上发送 FIN：不再发送，仍可读取</translation>
    </message>
    <message>
        <source>Close the selected connections gracefully</source>
        <translation>正常关闭选中的连接</translation>
    </message>
    <message>
        <source>Abort the selected connections with an RST</source>
        <translation>用 RST 中止选中的连接</translation>
    </message>
    <message>
        <source>Show the &amp;conversation</source>
        <translation>显示对话(&amp;C)</translation>
    </message>
    <message>
        <source>Ctrl+3</source>
        <translation>Ctrl+3</translation>
    </message>
    <message>
        <source>Both directions of the connection in time order, one colour per end</source>
        <translation>连接的两个方向按时间顺序排列，每一端一种颜色</translation>
    </message>
</context>
<context>
    <name>SendComposer</name>
    <message>
        <source>Send composer</source>
        <translation>发送编辑器</translation>
    </message>
    <message>
        <source>Type text; C escapes such as \r \n \t \0 \\ and \xHH are allowed</source>
        <translation>输入文本；可使用 C 转义，如 \r \n \t \0 \\ 和 \xHH</translation>
    </message>
    <message>
        <source>Text mode</source>
        <translation>文本模式</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Type bytes as hex digits</source>
        <translation>以 hex 数字输入字节</translation>
    </message>
    <message>
        <source>Hex mode</source>
        <translation>Hex 模式</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Send the contents of a file</source>
        <translation>发送文件的内容</translation>
    </message>
    <message>
        <source>File mode</source>
        <translation>文件模式</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Why sending is off</source>
        <translation>无法发送的原因</translation>
    </message>
    <message>
        <source>Line ending</source>
        <translation>行尾</translation>
    </message>
    <message>
        <source>Appended to the text when it is sent</source>
        <translation>发送时追加到文本末尾</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>\n (LF)</source>
        <translation>\n (LF)</translation>
    </message>
    <message>
        <source>\r\n (CRLF)</source>
        <translation>\r\n (CRLF)</translation>
    </message>
    <message>
        <source>Send progress</source>
        <translation>发送进度</translation>
    </message>
    <message>
        <source>Bytes to send</source>
        <translation>要发送的字节</translation>
    </message>
    <message>
        <source>Text to send</source>
        <translation>要发送的文本</translation>
    </message>
    <message>
        <source>Text to send. Escapes: \r \n \t \0 \\ \xHH</source>
        <translation>要发送的文本。转义：\r \n \t \0 \\ \xHH</translation>
    </message>
    <message>
        <source>Text error</source>
        <translation>文本错误</translation>
    </message>
    <message>
        <source>Hex bytes to send</source>
        <translation>要发送的 hex 字节</translation>
    </message>
    <message>
        <source>Hex bytes, e.g. 48 65 6c 6c 6f or 0x0d,0x0a</source>
        <translation>hex 字节，如 48 65 6c 6c 6f 或 0x0d,0x0a</translation>
    </message>
    <message>
        <source>Hex error</source>
        <translation>Hex 错误</translation>
    </message>
    <message>
        <source>File to send</source>
        <translation>要发送的文件</translation>
    </message>
    <message>
        <source>Path of a file to send, or drop a file here</source>
        <translation>要发送的文件路径，或把文件拖到这里</translation>
    </message>
    <message>
        <source>Browse for a file</source>
        <translation>浏览文件</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>File information</source>
        <translation>文件信息</translation>
    </message>
    <message>
        <source>Fragment</source>
        <translation>分片</translation>
    </message>
    <message>
        <source>Bytes per write; “whole” writes everything at once</source>
        <translation>每次 write 的字节数；“整块”表示一次写完</translation>
    </message>
    <message>
        <source>Fragment size</source>
        <translation>分片大小</translation>
    </message>
    <message>
        <source>whole</source>
        <translation>整块</translation>
    </message>
    <message>
        <source> B</source>
        <translation> B</translation>
    </message>
    <message>
        <source>every</source>
        <translation>间隔</translation>
    </message>
    <message>
        <source>Pause between fragments</source>
        <translation>分片之间的停顿</translation>
    </message>
    <message>
        <source>Delay between fragments</source>
        <translation>分片间隔</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>How many times to send it in all</source>
        <translation>总共发送几次</translation>
    </message>
    <message>
        <source>Repeat count</source>
        <translation>重复次数</translation>
    </message>
    <message>
        <source>×</source>
        <translation> 次</translation>
    </message>
    <message>
        <source>Pause between repeats</source>
        <translation>两次发送之间的停顿</translation>
    </message>
    <message>
        <source>Interval between repeats</source>
        <translation>重复间隔</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send and half-close</source>
        <translation>发送后半关闭</translation>
    </message>
    <message>
        <source>Send + FIN</source>
        <translation>发送 + FIN</translation>
    </message>
</context>
<context>
    <name>ServerPanel</name>
    <message>
        <source>&lt;b&gt;Server&lt;/b&gt;</source>
        <translation>&lt;b&gt;服务器&lt;/b&gt;</translation>
    </message>
    <message>
        <source>127.0.0.1:0 (port 0: any free port)</source>
        <translation>127.0.0.1:0（端口 0：任一空闲端口）</translation>
    </message>
    <message>
        <source>Listen address</source>
        <translation>监听地址</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>监听</translation>
    </message>
    <message>
        <source>Pause accepting</source>
        <translation>暂停 accept</translation>
    </message>
    <message>
        <source>Stop calling accept(): new connections wait in the backlog</source>
        <translation>停止调用 accept()：新连接在 backlog 队列中等待</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>What the server answers on its own</source>
        <translation>服务器自动回复的内容</translation>
    </message>
    <message>
        <source>reply bytes</source>
        <translation>回复的字节</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation>Backlog</translation>
    </message>
    <message>
        <source>listen() backlog: connections the kernel completes before the server accepts them</source>
        <translation>listen() 的 backlog：内核已完成握手、尚待服务器 accept 的连接数</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Stop accepting while this many connections are open; the rest wait in the backlog</source>
        <translation>打开的连接达到此数时停止 accept；其余连接在 backlog 队列中等待</translation>
    </message>
    <message>
        <source>Server connections</source>
        <translation>服务器连接</translation>
    </message>
    <message>
        <source>host:port to listen on; :8080 listens on every interface, IPv4 and IPv6, as Go&apos;s net.Listen(&quot;tcp&quot;, &quot;:8080&quot;) does; 127.0.0.1:8080 on this machine only</source>
        <translation>要监听的 host:port；:8080 在所有网络接口上监听（IPv4 和 IPv6），与 Go 的 net.Listen(&quot;tcp&quot;, &quot;:8080&quot;) 相同；127.0.0.1:8080 仅限本机</translation>
    </message>
    <message>
        <source>Listening on every interface: other machines can connect.</source>
        <translation>正在所有网络接口上监听：其他机器可以连接。</translation>
    </message>
    <message>
        <source>Listen on 127.0.0.1 (or ::1) to keep the server to this machine</source>
        <translation>在 127.0.0.1（或 ::1）上监听，使服务器仅限本机访问</translation>
    </message>
</context>
<context>
    <name>TcpInspector</name>
    <message>
        <source>&apos;%1&apos; is not a size. Write a whole number of bytes, optionally with K, M or G (for example 512, 64K, 16M).</source>
        <translation>“%1”不是大小。请写整数字节数，可带 K、M 或 G（例如 512、64K、16M）。</translation>
    </message>
    <message>
        <source>The size &apos;%1&apos; is negative; sizes count bytes from 0 up.</source>
        <translation>大小“%1”为负数；大小是从 0 起算的字节数。</translation>
    </message>
    <message>
        <source>The size &apos;%1&apos; is too large.</source>
        <translation>大小“%1”太大。</translation>
    </message>
    <message>
        <source>max=%1 is shorter than the %2-byte header, so no frame fits; raise max.</source>
        <translation>max=%1 小于 %2 字节的头部，放不下任何帧；请调大 max。</translation>
    </message>
    <message>
        <source>strip=%1 is longer than max=%2, so every frame would be too short to strip; lower strip or raise max.</source>
        <translation>strip=%1 大于 max=%2，任何帧都不够长、无法剥离；请调小 strip 或调大 max。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; ends with a colon but has no port after it. Write a port such as %2:8080.</source>
        <translation>“%1”以冒号结尾，但后面没有端口。请写上端口，例如 %2:8080。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a port number in &apos;%2&apos;. A port is a number from 1 to 65535.</source>
        <translation>“%2”中的“%1”不是端口号。端口是 1 到 65535 之间的数字。</translation>
    </message>
    <message>
        <source>Port %1 in &apos;%2&apos; is out of range: ports go from 1 to 65535.</source>
        <translation>“%2”中的端口 %1 超出范围：端口为 1 到 65535。</translation>
    </message>
    <message>
        <source>Port 0 in &apos;%1&apos; cannot be connected to; 0 only tells a listener to let the system choose. Give the port the server listens on.</source>
        <translation>无法连接“%1”中的端口 0；0 只用于让监听方由系统选择端口。请填写服务器监听的端口。</translation>
    </message>
    <message>
        <source>The peer answered the SYN with a reset: nothing listens on that port (or a firewall rejects it). Check the port and that the server runs.</source>
        <translation>对端用 RST 回应了 SYN：该端口上没有程序在监听（或被防火墙拒绝）。请检查端口，并确认服务器正在运行。</translation>
    </message>
    <message>
        <source>No answer to the SYN before the kernel gave up (tcp_syn_retries). The host may be down, a firewall may drop packets, or the listener&apos;s backlog is full.</source>
        <translation>直到内核放弃（tcp_syn_retries），SYN 都没有得到应答。可能是主机宕机、防火墙丢弃了数据包，或监听方的 backlog 已满。</translation>
    </message>
    <message>
        <source>The peer sent an RST: it closed with unread data, aborted (SO_LINGER 0), or no longer knows this connection. Bytes still in flight are lost.</source>
        <translation>对端发送了 RST：它在还有未读数据时关闭、主动中止（SO_LINGER 0），或已不认识这个连接。仍在途中的字节全部丢失。</translation>
    </message>
    <message>
        <source>Writing after the connection was closed for writing: the peer closed and answered earlier data with an RST, or we shut down our side. Write, then close; check for EOF before writing again.</source>
        <translation>在连接的写方向关闭后仍在写入：对端已关闭并用 RST 回应了先前的数据，或我方已关闭写端。应先写完再关闭；再次写入前先检查 EOF。</translation>
    </message>
    <message>
        <source>No route to that host (an ICMP error or no neighbour answered). Check the address and the network.</source>
        <translation>没有到该主机的路由（收到 ICMP 错误，或没有邻居应答）。请检查地址和网络。</translation>
    </message>
    <message>
        <source>This machine has no route to that network. Check the address and the interfaces.</source>
        <translation>本机没有到该网络的路由。请检查地址和网卡。</translation>
    </message>
    <message>
        <source>The local address and port chosen for the client are taken, often by a recent connection in TIME_WAIT. Leave the local port to the system, or wait for TIME_WAIT to end (60 s on Linux).</source>
        <translation>为客户端选择的本地地址和端口已被占用，常见原因是刚关闭的连接还处于 TIME_WAIT。请让系统选择本地端口，或等待 TIME_WAIT 结束（Linux 上为 60 s）。</translation>
    </message>
    <message>
        <source>Another socket holds this address and port: a running server, or the connections of a closed one lingering in TIME_WAIT (60 s on Linux). TIME_WAIT blocks a new listener unless both the old and the new one set SO_REUSEADDR. Stop the other listener, wait, or pick another port.</source>
        <translation>另一个套接字占用了这个地址和端口：可能是正在运行的服务器，也可能是已关闭的服务器留下的、仍处于 TIME_WAIT 的连接（Linux 上为 60 s）。除非新旧监听方都设置了 SO_REUSEADDR，TIME_WAIT 会阻止新的监听。请停止另一个监听方、稍候，或换一个端口。</translation>
    </message>
    <message>
        <source>That address does not belong to this machine, or no local port is free. Use an address of one of its interfaces, or 127.0.0.1.</source>
        <translation>该地址不属于本机，或没有空闲的本地端口。请使用本机某个网卡的地址，或 127.0.0.1。</translation>
    </message>
    <message>
        <source>The process (EMFILE) or the system (ENFILE) is out of file descriptors: too many open connections. Close idle connections, or raise the limit (ulimit -n). A server should pause accepting, not spin.</source>
        <translation>进程（EMFILE）或系统（ENFILE）的文件描述符已用尽：打开的连接太多。请关闭空闲连接，或提高上限（ulimit -n）。服务器应暂停 accept，而不是空转。</translation>
    </message>
    <message>
        <source>Not allowed: ports below 1024 need privileges, and a firewall rule may forbid this.</source>
        <translation>不允许：1024 以下的端口需要特权，防火墙规则也可能禁止此操作。</translation>
    </message>
    <message>
        <source>The socket is not connected (any more): it was closed or never established.</source>
        <translation>套接字未连接（或已断开）：它已关闭，或从未建立。</translation>
    </message>
    <message>
        <source>The kernel is out of socket buffer memory. Fewer or smaller buffers, or fewer connections, will help.</source>
        <translation>内核的套接字缓冲区内存不足。减少或缩小缓冲区，或减少连接数，会有帮助。</translation>
    </message>
    <message>
        <source>A connection was aborted before it could be accepted (the client reset it while it waited in the backlog).</source>
        <translation>连接在被 accept 之前就已中止（客户端在它于 backlog 队列中等待时重置了它）。</translation>
    </message>
    <message>
        <source>The system reported error %1 (%2).</source>
        <translation>系统报告错误 %1（%2）。</translation>
    </message>
    <message>
        <source>Qt reports a resource error: usually no file descriptors left (EMFILE). Close idle connections, or raise the limit (ulimit -n).</source>
        <translation>Qt 报告资源错误：通常是文件描述符已用尽（EMFILE）。请关闭空闲连接，或提高上限（ulimit -n）。</translation>
    </message>
    <message>
        <source>The name did not resolve to an address. Check the spelling, or use an IP address.</source>
        <translation>该名称无法解析为地址。请检查拼写，或直接使用 IP 地址。</translation>
    </message>
    <message>
        <source>Qt reports a network error (unreachable host or network, or a failed write). It does not say which errno it saw.</source>
        <translation>Qt 报告网络错误（主机或网络不可达，或写入失败）。它不会说明遇到的是哪个 errno。</translation>
    </message>
    <message>
        <source>Qt reports a FIN and an RST alike as &apos;remote host closed&apos;: EOF, a reset and a broken pipe all land here. The native engine tells them apart.</source>
        <translation>Qt 把 FIN 和 RST 一律报告为“remote host closed”：EOF、重置和 broken pipe 都归到这里。native 引擎能区分它们。</translation>
    </message>
    <message>
        <source>Qt reported error %1: %2</source>
        <translation>Qt 报告错误 %1：%2</translation>
    </message>
    <message>
        <source>ns</source>
        <translation>ns</translation>
    </message>
    <message>
        <source>µs</source>
        <translation>µs</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <source>+%1 %2</source>
        <extracomment>A time on the axis after the start: &quot;+250 ms&quot;</extracomment>
        <translation>+%1 %2</translation>
    </message>
    <message>
        <source>-%1 %2</source>
        <extracomment>A time on the axis before the start: &quot;-250 ms&quot;</extracomment>
        <translation>-%1 %2</translation>
    </message>
    <message>
        <source>Connect started</source>
        <translation>开始连接</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接受连接</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>FIN sent</source>
        <translation>已发送 FIN</translation>
    </message>
    <message>
        <source>EOF received</source>
        <translation>收到 EOF</translation>
    </message>
    <message>
        <source>Qt closed the socket after EOF</source>
        <translation>Qt 在 EOF 后关闭了套接字</translation>
    </message>
    <message>
        <source>RST sent</source>
        <translation>已发送 RST</translation>
    </message>
    <message>
        <source>RST received</source>
        <translation>收到 RST</translation>
    </message>
    <message>
        <source>Broken pipe</source>
        <translation>Broken pipe</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation>连接超时</translation>
    </message>
    <message>
        <source>Idle timeout</source>
        <translation>空闲超时</translation>
    </message>
    <message>
        <source>Write stall</source>
        <translation>写入停滞</translation>
    </message>
    <message>
        <source>Close timeout</source>
        <translation>关闭超时</translation>
    </message>
    <message>
        <source>SYN</source>
        <translation>SYN</translation>
    </message>
    <message>
        <source>accept</source>
        <translation>accept</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>FIN</source>
        <translation>FIN</translation>
    </message>
    <message>
        <source>EOF</source>
        <translation>EOF</translation>
    </message>
    <message>
        <source>Qt close</source>
        <translation>Qt 关闭</translation>
    </message>
    <message>
        <source>EPIPE</source>
        <translation>EPIPE</translation>
    </message>
    <message>
        <source>connect timeout</source>
        <translation>连接超时</translation>
    </message>
    <message>
        <source>idle timeout</source>
        <translation>空闲超时</translation>
    </message>
    <message>
        <source>write stall</source>
        <translation>写入停滞</translation>
    </message>
    <message>
        <source>no FIN</source>
        <translation>无 FIN</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>i</source>
        <translation>i</translation>
    </message>
    <message>
        <source>connect() sent a SYN: the three-way handshake begins.</source>
        <translation>connect() 发出了 SYN：三次握手开始。</translation>
    </message>
    <message>
        <source>The listener accepted a connection whose handshake the kernel had already completed.</source>
        <translation>监听方 accept 了一个内核早已完成握手的连接。</translation>
    </message>
    <message>
        <source>The peer answered the SYN with SYN-ACK and we acknowledged it: the connection is established.</source>
        <translation>对端用 SYN-ACK 回应了 SYN，我方也已确认：连接已建立。</translation>
    </message>
    <message>
        <source>We sent FIN (shutdown SHUT_WR): we send nothing more but keep reading.</source>
        <translation>我方发送了 FIN（shutdown SHUT_WR）：不再发送，但继续读取。</translation>
    </message>
    <message>
        <source>read() returned 0: the peer sent FIN and will send nothing more.</source>
        <translation>read() 返回 0：对端发送了 FIN，不会再发送任何数据。</translation>
    </message>
    <message>
        <source>QTcpSocket closed the whole socket on its own after EOF, so nothing more can be sent to the peer (the native engine can stay half-open).</source>
        <translation>QTcpSocket 在 EOF 后自行关闭了整个套接字，因此不能再向对端发送任何数据（native 引擎可以保持半关闭）。</translation>
    </message>
    <message>
        <source>We closed with SO_LINGER 0: the kernel sent an RST and threw away what was not yet sent.</source>
        <translation>我方以 SO_LINGER 0 关闭：内核发送了 RST，并丢弃了尚未发送的数据。</translation>
    </message>
    <message>
        <source>The peer sent an RST: it aborted or closed with unread data, and bytes in flight are lost.</source>
        <translation>对端发送了 RST：它中止了连接，或在还有未读数据时关闭；途中的字节全部丢失。</translation>
    </message>
    <message>
        <source>A write failed with EPIPE: the peer had closed and answered our earlier data with an RST.</source>
        <translation>写入因 EPIPE 失败：对端已关闭，并用 RST 回应了我方先前的数据。</translation>
    </message>
    <message>
        <source>No SYN-ACK came back within the connect timeout, so we gave up on the handshake.</source>
        <translation>连接超时之前没有收到 SYN-ACK，因此放弃了握手。</translation>
    </message>
    <message>
        <source>Nothing was read within the idle timeout (a read deadline), so we closed.</source>
        <translation>空闲超时（读取期限）内没有读到数据，因此关闭了连接。</translation>
    </message>
    <message>
        <source>Bytes we wrote stayed unsent: the peer is not reading and its receive window is full.</source>
        <translation>我方写入的字节一直未能发出：对端没有读取，它的接收窗口已满。</translation>
    </message>
    <message>
        <source>The peer did not send its FIN in time after ours, so we closed anyway.</source>
        <translation>我方发送 FIN 后，对端没有及时发送它的 FIN，因此仍然关闭了连接。</translation>
    </message>
    <message>
        <source>A socket call failed.</source>
        <translation>一次套接字调用失败。</translation>
    </message>
    <message>
        <source>The socket was closed.</source>
        <translation>套接字已关闭。</translation>
    </message>
    <message>
        <source>What the engine did or noticed on its own.</source>
        <translation>引擎自行执行或发现的情况。</translation>
    </message>
    <message>
        <source>Looking up the host name before connecting.</source>
        <translation>连接前正在解析主机名。</translation>
    </message>
    <message>
        <source>SYN sent, waiting for the peer&apos;s SYN-ACK.</source>
        <translation>已发送 SYN，正在等待对端的 SYN-ACK。</translation>
    </message>
    <message>
        <source>Open: bytes can flow both ways.</source>
        <translation>已打开：字节可双向流动。</translation>
    </message>
    <message>
        <source>We sent FIN: we still read, but can never write again.</source>
        <translation>我方已发送 FIN：仍可读取，但再也不能写入。</translation>
    </message>
    <message>
        <source>The peer sent FIN: it sends nothing more, and we may still write.</source>
        <translation>对端已发送 FIN：它不会再发送数据，我方仍可写入。</translation>
    </message>
    <message>
        <source>Sending what is left before closing, or waiting for the peer&apos;s FIN.</source>
        <translation>正在关闭前发完剩余数据，或在等待对端的 FIN。</translation>
    </message>
    <message>
        <source>Closed: the kernel may still keep the connection for a while (TIME_WAIT).</source>
        <translation>已关闭：内核可能还会保留该连接一段时间（TIME_WAIT）。</translation>
    </message>
    <message>
        <source>Ended by an RST: unsent and unread bytes were thrown away.</source>
        <translation>被 RST 终止：未发送和未读取的字节都被丢弃。</translation>
    </message>
    <message>
        <source>Never established: refused, timed out or unreachable.</source>
        <translation>从未建立：被拒绝、超时或不可达。</translation>
    </message>
    <message>
        <source>The kernel sent a SYN and waits for the SYN-ACK.</source>
        <translation>内核已发送 SYN，正在等待 SYN-ACK。</translation>
    </message>
    <message>
        <source>The kernel answered a SYN and waits for the final ACK of the handshake.</source>
        <translation>内核已回应 SYN，正在等待握手的最后一个 ACK。</translation>
    </message>
    <message>
        <source>Open in both directions.</source>
        <translation>双向都已打开。</translation>
    </message>
    <message>
        <source>We sent FIN and wait for the peer to acknowledge it.</source>
        <translation>我方已发送 FIN，正在等待对端确认。</translation>
    </message>
    <message>
        <source>Our FIN is acknowledged; the kernel waits for the peer&apos;s FIN.</source>
        <translation>我方的 FIN 已被确认；内核正在等待对端的 FIN。</translation>
    </message>
    <message>
        <source>The peer sent FIN; the kernel waits for this program to close its side.</source>
        <translation>对端已发送 FIN；内核正在等待本程序关闭它这一端。</translation>
    </message>
    <message>
        <source>We sent our FIN after the peer&apos;s and wait for its last ACK.</source>
        <translation>我方在对端之后发送了 FIN，正在等待它的最后一个 ACK。</translation>
    </message>
    <message>
        <source>Both sides sent FIN at once; the kernel waits for the ACK of ours.</source>
        <translation>双方同时发送了 FIN；内核正在等待对我方 FIN 的 ACK。</translation>
    </message>
    <message>
        <source>We closed first: the kernel keeps the connection for 60 s so that late segments die out, and this port pair cannot be used again meanwhile.</source>
        <translation>我方先关闭：内核将连接保留 60 s，让迟到的报文段消亡，在此期间这对端口不能再次使用。</translation>
    </message>
    <message>
        <source>The kernel has ended the connection (an RST, or both FINs done) while this program still holds the socket.</source>
        <translation>内核已结束该连接（收到 RST，或双方的 FIN 都已完成），但本程序仍持有这个套接字。</translation>
    </message>
    <message>
        <source>The kernel no longer knows this connection.</source>
        <translation>内核已不再记录这个连接。</translation>
    </message>
    <message>
        <source>A listening socket.</source>
        <translation>一个监听套接字。</translation>
    </message>
    <message>
        <source>by us</source>
        <translation>由我方</translation>
    </message>
    <message>
        <source>by the peer</source>
        <translation>由对端</translation>
    </message>
    <message>
        <source>by a timeout</source>
        <translation>因超时</translation>
    </message>
    <message>
        <source>by an error</source>
        <translation>因错误</translation>
    </message>
    <message>
        <source>by the socket engine</source>
        <translation>由套接字引擎</translation>
    </message>
    <message>
        <source>server #%1</source>
        <translation>服务器 #%1</translation>
    </message>
    <message>
        <source>client #%1</source>
        <translation>客户端 #%1</translation>
    </message>
    <message>
        <source>%1 ns</source>
        <translation>%1 ns</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>-%1</source>
        <translation>-%1</translation>
    </message>
    <message>
        <source>+%1</source>
        <translation>+%1</translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation>%1 µs</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>C array</source>
        <translation>C 数组</translation>
    </message>
    <message>
        <source>Go []byte</source>
        <translation>Go []byte</translation>
    </message>
    <message>
        <source>Python bytes</source>
        <translation>Python bytes</translation>
    </message>
    <message>
        <source>-%1 ms</source>
        <translation>-%1 ms</translation>
    </message>
    <message>
        <source>+%1 ms</source>
        <translation>+%1 ms</translation>
    </message>
    <message>
        <source>-%1 s</source>
        <translation>-%1 s</translation>
    </message>
    <message>
        <source>+%1 s</source>
        <translation>+%1 s</translation>
    </message>
    <message>
        <source>rx</source>
        <translation>rx</translation>
    </message>
    <message>
        <source>tx</source>
        <translation>tx</translation>
    </message>
    <message>
        <source>Resolving</source>
        <translation>正在解析</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>Established</source>
        <translation>已建立</translation>
    </message>
    <message>
        <source>Half-closed by us</source>
        <translation>我方已半关闭</translation>
    </message>
    <message>
        <source>Half-closed by peer</source>
        <translation>对端已半关闭</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>正在关闭</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>已重置</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation>%1 KiB</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Dir</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>偏移</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Unknown framing &apos;%1&apos;. Valid framings: %2.</source>
        <translation>未知的分帧“%1”。可用的分帧：%2。</translation>
    </message>
    <message>
        <source>In framing &apos;%1&apos;: %2</source>
        <translation>分帧“%1”中：%2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no option &apos;%2&apos;. Valid options of %1: %3.</source>
        <translation>“%1”没有选项“%2”。%1 的可用选项：%3。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>The option %1 of %2 is given more than once; give it once.</source>
        <translation>%2 的选项 %1 出现了多次；只能给一次。</translation>
    </message>
    <message>
        <source>%1 needs %2 (%3). For example: %4</source>
        <translation>%1 需要 %2（%3）。例如：%4</translation>
    </message>
    <message>
        <source>%1 must be one of %2, not &apos;%3&apos;.</source>
        <translation>%1 必须是 %2 之一，而不是“%3”。</translation>
    </message>
    <message>
        <source>%1=%2: %3</source>
        <translation>%1=%2：%3</translation>
    </message>
    <message>
        <source>%1 needs at least one byte.</source>
        <translation>%1 至少需要一个字节。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a whole number.</source>
        <translation>“%1”不是整数。</translation>
    </message>
    <message>
        <source>%1 must be between %2 and %3, not %4.</source>
        <translation>%1 必须在 %2 到 %3 之间，而不是 %4。</translation>
    </message>
    <message>
        <source>%1 must be at least %2, not %3.</source>
        <translation>%1 至少为 %2，而不是 %3。</translation>
    </message>
    <message>
        <source>No delimiter within max=%1 bytes; stopped decoding.</source>
        <translation>max=%1 字节内没有分隔符；已停止解码。</translation>
    </message>
    <message>
        <source>Frame of %1 bytes is longer than max=%2; discarded it through its delimiter.</source>
        <translation>%1 字节的帧超过 max=%2；已丢弃该帧（直到其分隔符）。</translation>
    </message>
    <message>
        <source>Frame longer than max=%1 bytes ran to the end of the stream; discarded it.</source>
        <translation>超过 max=%1 字节的帧一直延续到流末尾；已丢弃。</translation>
    </message>
    <message>
        <source>A delimiter of %1 bytes is too long; give at most %2 bytes.</source>
        <translation>%1 字节的分隔符太长；最多 %2 字节。</translation>
    </message>
    <message>
        <source>The framing is empty. Write a decoder name such as line or length:bytes=4, in the form name[:key=value[,key=value]...].</source>
        <translation>分帧为空。请写解码器名称，如 line 或 length:bytes=4，格式为 name[:key=value[,key=value]...]。</translation>
    </message>
    <message>
        <source>The framing &apos;%1&apos; has no decoder name before the colon.</source>
        <translation>分帧“%1”的冒号前没有解码器名称。</translation>
    </message>
    <message>
        <source>The decoder name &apos;%1&apos; may hold only letters, digits, - and _.</source>
        <translation>解码器名称“%1”只能包含字母、数字、- 和 _。</translation>
    </message>
    <message>
        <source>The framing &apos;%1&apos; ends with a colon but names no option. Remove the colon or add key=value.</source>
        <translation>分帧“%1”以冒号结尾，但没有给出选项。请删除冒号或添加 key=value。</translation>
    </message>
    <message>
        <source>The framing &apos;%1&apos; has an empty option; options are key=value, separated by commas.</source>
        <translation>分帧“%1”中有空选项；选项格式为 key=value，以逗号分隔。</translation>
    </message>
    <message>
        <source>The option &apos;%1&apos; in &apos;%2&apos; has no value; write %1=VALUE.</source>
        <translation>“%2”中的选项“%1”没有值；请写成 %1=VALUE。</translation>
    </message>
    <message>
        <source>The option &apos;%1&apos; in &apos;%2&apos; has an empty value.</source>
        <translation>“%2”中的选项“%1”的值为空。</translation>
    </message>
    <message>
        <source>Message with a body longer than max=%1 bytes ran to the end of the stream; discarded it.</source>
        <translation>正文超过 max=%1 字节的消息一直延续到流末尾；已丢弃。</translation>
    </message>
    <message>
        <source>Message with a body longer than max=%1 bytes; discarded it.</source>
        <translation>消息正文超过 max=%1 字节；已丢弃。</translation>
    </message>
    <message>
        <source>The bytes at offset %1 do not start an HTTP/1 request or status line; HTTP/1 cannot resynchronise, so decoding stopped.</source>
        <translation>偏移 %1 处的字节不是 HTTP/1 请求行或状态行的开头；HTTP/1 无法重新同步，因此已停止解码。</translation>
    </message>
    <message>
        <source>A chunk-size line of the message at offset %1 is longer than maxhead=%2 bytes; stopped decoding.</source>
        <translation>偏移 %1 处消息的 chunk-size 行超过 maxhead=%2 字节；已停止解码。</translation>
    </message>
    <message>
        <source>The trailer section of the message at offset %1 is longer than maxhead=%2 bytes; stopped decoding.</source>
        <translation>偏移 %1 处消息的 trailer 部分超过 maxhead=%2 字节；已停止解码。</translation>
    </message>
    <message>
        <source>The head of the message at offset %1 is longer than maxhead=%2 bytes; stopped decoding (raise maxhead for larger headers).</source>
        <translation>偏移 %1 处消息的头部超过 maxhead=%2 字节；已停止解码（头部更大时请调大 maxhead）。</translation>
    </message>
    <message>
        <source>Message at offset %1 has a body longer than max=%2 bytes; stopped decoding.</source>
        <translation>偏移 %1 处消息的正文超过 max=%2 字节；已停止解码。</translation>
    </message>
    <message>
        <source>A folded header line at offset %1 continues Content-Length or Transfer-Encoding; stopped decoding.</source>
        <translation>偏移 %1 处的折叠头部行延续了 Content-Length 或 Transfer-Encoding；已停止解码。</translation>
    </message>
    <message>
        <source>Header line &apos;%1&apos; at offset %2 has no field name and colon; stopped decoding.</source>
        <translation>偏移 %2 处的头部行“%1”没有字段名和冒号；已停止解码。</translation>
    </message>
    <message>
        <source>Whitespace before the colon of &apos;%1&apos; at offset %2; stopped decoding.</source>
        <translation>偏移 %2 处“%1”的冒号前有空白；已停止解码。</translation>
    </message>
    <message>
        <source>Content-Length values %1 and %2 disagree in the message at offset %3; stopped decoding.</source>
        <translation>偏移 %3 处消息中的 Content-Length 值 %1 与 %2 不一致；已停止解码。</translation>
    </message>
    <message>
        <source>Content-Length &apos;%1&apos; at offset %2 is not a length; stopped decoding.</source>
        <translation>偏移 %2 处的 Content-Length“%1”不是有效长度；已停止解码。</translation>
    </message>
    <message>
        <source>The message at offset %1 has both Transfer-Encoding and Content-Length; stopped decoding.</source>
        <translation>偏移 %1 处的消息同时带有 Transfer-Encoding 和 Content-Length；已停止解码。</translation>
    </message>
    <message>
        <source>The request at offset %1 has a Transfer-Encoding that does not end with chunked, so its length is unknown; stopped decoding.</source>
        <translation>偏移 %1 处请求的 Transfer-Encoding 不以 chunked 结尾，长度未知；已停止解码。</translation>
    </message>
    <message>
        <source>Bad chunk size line &apos;%1&apos; at offset %2; stopped decoding.</source>
        <translation>偏移 %2 处的 chunk-size 行“%1”无效；已停止解码。</translation>
    </message>
    <message>
        <source>Chunk data is not followed by CRLF at offset %1; stopped decoding.</source>
        <translation>偏移 %1 处的 chunk 数据后面没有 CRLF；已停止解码。</translation>
    </message>
    <message>
        <source>The length field says %1, more bytes than a stream can hold; stopped decoding.</source>
        <translation>长度字段为 %1，超过一个流所能容纳的字节数；已停止解码。</translation>
    </message>
    <message>
        <source>The length field says %1, which with adjust=%2 makes a frame shorter than its %3-byte header; stopped decoding.</source>
        <translation>长度字段为 %1，加上 adjust=%2 后帧比它 %3 字节的头部还短；已停止解码。</translation>
    </message>
    <message>
        <source>The length field says %1, which with adjust=%2 makes a frame shorter than its %3-byte header; discarded the header.</source>
        <translation>长度字段为 %1，加上 adjust=%2 后帧比它 %3 字节的头部还短；已丢弃该头部。</translation>
    </message>
    <message>
        <source>Frame of %1 bytes is longer than max=%2; stopped decoding.</source>
        <translation>%1 字节的帧超过 max=%2；已停止解码。</translation>
    </message>
    <message>
        <source>Frame of %1 bytes is longer than max=%2; discarded it.</source>
        <translation>%1 字节的帧超过 max=%2；已丢弃。</translation>
    </message>
    <message>
        <source>Frame of %1 bytes is shorter than strip=%2; stopped decoding.</source>
        <translation>%1 字节的帧短于 strip=%2；已停止解码。</translation>
    </message>
    <message>
        <source>Frame of %1 bytes is shorter than strip=%2; discarded it.</source>
        <translation>%1 字节的帧短于 strip=%2；已丢弃。</translation>
    </message>
    <message>
        <source>Frame of %1 bytes is longer than max=%2; discarded the %3 bytes that came before the stream ended.</source>
        <translation>%1 字节的帧超过 max=%2；已丢弃流结束前收到的 %3 字节。</translation>
    </message>
    <message>
        <source>Frame of %1 bytes is shorter than strip=%2; discarded the %3 bytes that came before the stream ended.</source>
        <translation>%1 字节的帧短于 strip=%2；已丢弃流结束前收到的 %3 字节。</translation>
    </message>
    <message>
        <source>Line longer than max=%1 bytes; stopped decoding. Raise max or use oversize=skip.</source>
        <translation>行长度超过 max=%1 字节；已停止解码。请调大 max 或使用 oversize=skip。</translation>
    </message>
    <message>
        <source>Line of %1 bytes is longer than max=%2; discarded it through its terminator.</source>
        <translation>%1 字节的行超过 max=%2；已丢弃该行（直到其行结束符）。</translation>
    </message>
    <message>
        <source>Line longer than max=%1 bytes ran to the end of the stream; discarded it.</source>
        <translation>超过 max=%1 字节的行一直延续到流末尾；已丢弃。</translation>
    </message>
    <message>
        <source>Byte %1 cannot start a RESP value; the stream is not RESP or a length before it is wrong.</source>
        <translation>字节 %1 不能作为 RESP 值的开头；该流不是 RESP，或前面的某个长度有误。</translation>
    </message>
    <message>
        <source>Byte %1 cannot start the value that a RESP attribute annotates.</source>
        <translation>字节 %1 不能作为 RESP 属性所注解的值的开头。</translation>
    </message>
    <message>
        <source>Byte %1 inside a streamed RESP string, where a &apos;;&apos; chunk was expected.</source>
        <translation>流式 RESP 字符串中出现字节 %1，此处应为“;”分块。</translation>
    </message>
    <message>
        <source>RESP line of type %1 is longer than %2 bytes; it cannot hold a valid number.</source>
        <translation>类型为 %1 的 RESP 行超过 %2 字节；不可能是有效数字。</translation>
    </message>
    <message>
        <source>RESP line ended by LF without CR.</source>
        <translation>RESP 行以 LF 结尾，缺少 CR。</translation>
    </message>
    <message>
        <source>RESP integer is not a 64-bit decimal number.</source>
        <translation>RESP 整数不是 64 位十进制数。</translation>
    </message>
    <message>
        <source>RESP null (&apos;_&apos;) with content.</source>
        <translation>RESP null（“_”）带有内容。</translation>
    </message>
    <message>
        <source>RESP boolean that is neither #t nor #f.</source>
        <translation>RESP 布尔值既不是 #t 也不是 #f。</translation>
    </message>
    <message>
        <source>RESP stream end (&apos;.&apos;) with content.</source>
        <translation>RESP 流结束标记（“.”）带有内容。</translation>
    </message>
    <message>
        <source>RESP type %1 cannot be streamed (&apos;?&apos;).</source>
        <translation>RESP 类型 %1 不能流式传输（“?”）。</translation>
    </message>
    <message>
        <source>RESP line of type %1 has no valid length or count.</source>
        <translation>类型为 %1 的 RESP 行没有有效的长度或数量。</translation>
    </message>
    <message>
        <source>RESP value nested deeper than depth=%1; raise depth if this is real.</source>
        <translation>RESP 值的嵌套超过 depth=%1；如果确实这么深，请调大 depth。</translation>
    </message>
    <message>
        <source>RESP bulk string not followed by CRLF; its length is wrong or bytes are missing.</source>
        <translation>RESP bulk string 后面没有 CRLF；其长度有误或缺少字节。</translation>
    </message>
    <message>
        <source>Line longer than maxline=%1 bytes; stopped decoding.</source>
        <translation>行超过 maxline=%1 字节；已停止解码。</translation>
    </message>
    <message>
        <source>Line longer than maxline=%1 bytes; discarded the RESP frame that holds it.</source>
        <translation>行超过 maxline=%1 字节；已丢弃包含该行的 RESP 帧。</translation>
    </message>
    <message>
        <source>RESP frame longer than max=%1 bytes; stopped decoding.</source>
        <translation>RESP 帧超过 max=%1 字节；已停止解码。</translation>
    </message>
    <message>
        <source>RESP frame longer than max=%1 bytes; discarded it.</source>
        <translation>RESP 帧超过 max=%1 字节；已丢弃。</translation>
    </message>
    <message>
        <source>RESP bulk string of %1 bytes is longer than max=%2; stopped decoding.</source>
        <translation>%1 字节的 RESP bulk string 超过 max=%2；已停止解码。</translation>
    </message>
    <message>
        <source>RESP bulk string of %1 bytes is longer than max=%2; discarded the frame that holds it.</source>
        <translation>%1 字节的 RESP bulk string 超过 max=%2；已丢弃包含它的帧。</translation>
    </message>
    <message>
        <source>Oversize RESP frame ran to the end of the stream; discarded it.</source>
        <translation>超长的 RESP 帧一直延续到流末尾；已丢弃。</translation>
    </message>
    <message>
        <source>Bytes that are not a TLS record header; skipped %1 bytes to the next plausible header.</source>
        <translation>这些字节不是 TLS 记录头；已跳过 %1 字节，到下一个可能的记录头。</translation>
    </message>
    <message>
        <source>Bytes that are not a TLS record header; stopped decoding.</source>
        <translation>这些字节不是 TLS 记录头；已停止解码。</translation>
    </message>
    <message>
        <source>The length varint runs past 10 bytes; stopped decoding.</source>
        <translation>长度 varint 超过 10 字节；已停止解码。</translation>
    </message>
    <message>
        <source>The length varint runs past 10 bytes; discarded 10 bytes and read a length after them.</source>
        <translation>长度 varint 超过 10 字节；已丢弃这 10 字节，并从其后重新读取长度。</translation>
    </message>
    <message>
        <source>The length varint does not fit in 64 bits; stopped decoding.</source>
        <translation>长度 varint 超出 64 位；已停止解码。</translation>
    </message>
    <message>
        <source>The length varint says %1, more bytes than a stream can hold; stopped decoding.</source>
        <translation>长度 varint 为 %1，超过一个流所能容纳的字节数；已停止解码。</translation>
    </message>
    <message>
        <source>Message of %1 bytes is longer than max=%2; stopped decoding.</source>
        <translation>%1 字节的消息超过 max=%2；已停止解码。</translation>
    </message>
    <message>
        <source>Message of %1 bytes is longer than max=%2; discarded it.</source>
        <translation>%1 字节的消息超过 max=%2；已丢弃。</translation>
    </message>
    <message>
        <source>Message of %1 bytes is longer than max=%2; discarded the %3 bytes that came before the stream ended.</source>
        <translation>%1 字节的消息超过 max=%2；已丢弃流结束前收到的 %3 字节。</translation>
    </message>
    <message>
        <source>The address is empty. Write host:port, for example 127.0.0.1:8080, or :8080 for 127.0.0.1.</source>
        <translation>地址为空。请写成 host:port，例如 127.0.0.1:8080；:8080 表示 127.0.0.1。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; opens a bracket for an IPv6 address but never closes it. Write [::1]:8080.</source>
        <translation>“%1”为 IPv6 地址写了左方括号，但没有右方括号。请写成 [::1]:8080。</translation>
    </message>
    <message>
        <source>missing port in address &apos;%1&apos;. Add the port after the bracket: %1:8080.</source>
        <translation>地址“%1”缺少端口（missing port in address）。请在方括号后加上端口：%1:8080。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has &apos;%2&apos; after the IPv6 address; only :port may follow it, as in [%3]:8080.</source>
        <translation>“%1”在 IPv6 地址后有“%2”；后面只能跟 :port，如 [%3]:8080。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; in brackets is not an IPv6 address. Brackets are for IPv6 only; write an IPv4 address or a name without them.</source>
        <translation>方括号中的“%1”不是 IPv6 地址。方括号只用于 IPv6；IPv4 地址或主机名请不要加方括号。</translation>
    </message>
    <message>
        <source>missing port in address &apos;%1&apos;: a bare number is not an address. Write 127.0.0.1:%1 (this machine only) or :%1.</source>
        <translation>地址“%1”缺少端口（missing port in address）：单独的数字不是地址。请写 127.0.0.1:%1（仅限本机）或 :%1。</translation>
    </message>
    <message>
        <source>missing port in address &apos;%1&apos;. Write %1:PORT, for example %1:8080.</source>
        <translation>地址“%1”缺少端口（missing port in address）。请写成 %1:PORT，例如 %1:8080。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; looks like an IPv6 address without brackets. Put the address in brackets before the port, as in [::1]:8080.</source>
        <translation>“%1”看起来是没加方括号的 IPv6 地址。请先用方括号括起地址，再接端口，如 [::1]:8080。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a host name or an IP address. Host names hold letters, digits, &apos;-&apos; and &apos;.&apos;.</source>
        <translation>“%1”不是主机名或 IP 地址。主机名由字母、数字、“-”和“.”组成。</translation>
    </message>
    <message>
        <source>In the reply text &apos;%1&apos;: %2</source>
        <translation>回复文本“%1”中：%2</translation>
    </message>
    <message>
        <source>In the reply hex &apos;%1&apos;: %2</source>
        <translation>回复 hex“%1”中：%2</translation>
    </message>
    <message>
        <source>Unknown reply &apos;%1&apos;. Valid replies: none, echo, echo-message, text:STR (C escapes allowed), hex:HEX.</source>
        <translation>未知的回复“%1”。可用的回复：none、echo、echo-message、text:STR（可用 C 转义）、hex:HEX。</translation>
    </message>
    <message>
        <source>Cannot create a spill file in %1: %2. Bytes stay in memory.</source>
        <translation>无法在 %1 中创建溢出文件：%2。字节保留在内存中。</translation>
    </message>
    <message>
        <source>Cannot write the spill file %1: %2. Bytes stay in memory.</source>
        <translation>无法写入溢出文件 %1：%2。字节保留在内存中。</translation>
    </message>
    <message>
        <source>Not a hex digit: &apos;%1&apos; at column %2. Hex digits are 0-9 and a-f; put spaces or &apos;:&apos; between bytes.</source>
        <translation>不是 hex 数字：第 %2 列的“%1”。hex 数字为 0-9 和 a-f；字节之间用空格或“:”分隔。</translation>
    </message>
    <message>
        <source>Not a hex digit: &apos;%1&apos; at line %2, column %3. Hex digits are 0-9 and a-f; put spaces or &apos;:&apos; between bytes.</source>
        <translation>不是 hex 数字：第 %2 行第 %3 列的“%1”。hex 数字为 0-9 和 a-f；字节之间用空格或“:”分隔。</translation>
    </message>
    <message>
        <source>Hex digits come in pairs: &apos;%1&apos; at column %2 has no partner. Write each byte as two digits (0a, not a).</source>
        <translation>hex 数字须成对出现：第 %2 列的“%1”没有配对。每个字节写成两位数字（0a，而不是 a）。</translation>
    </message>
    <message>
        <source>Hex digits come in pairs: &apos;%1&apos; at line %2, column %3 has no partner. Write each byte as two digits (0a, not a).</source>
        <translation>hex 数字须成对出现：第 %2 行第 %3 列的“%1”没有配对。每个字节写成两位数字（0a，而不是 a）。</translation>
    </message>
    <message>
        <source>&apos;0x&apos; at column %1 needs hex digits after it.</source>
        <translation>第 %1 列的“0x”后面需要 hex 数字。</translation>
    </message>
    <message>
        <source>&apos;0x&apos; at line %1, column %2 needs hex digits after it.</source>
        <translation>第 %1 行第 %2 列的“0x”后面需要 hex 数字。</translation>
    </message>
    <message>
        <source>A lone backslash at column %1 ends the text; write \\ for a backslash.</source>
        <translation>文本以第 %1 列的单独反斜杠结尾；反斜杠本身请写成 \\。</translation>
    </message>
    <message>
        <source>A lone backslash at line %1, column %2 ends the text; write \\ for a backslash.</source>
        <translation>文本以第 %1 行第 %2 列的单独反斜杠结尾；反斜杠本身请写成 \\。</translation>
    </message>
    <message>
        <source>&apos;\x&apos; at column %1 needs two hex digits, as in \x0a.</source>
        <translation>第 %1 列的“\x”后面需要两位 hex 数字，如 \x0a。</translation>
    </message>
    <message>
        <source>&apos;\x&apos; at line %1, column %2 needs two hex digits, as in \x0a.</source>
        <translation>第 %1 行第 %2 列的“\x”后面需要两位 hex 数字，如 \x0a。</translation>
    </message>
    <message>
        <source>Unknown escape &apos;\%1&apos; at column %2. Valid escapes: \r \n \t \0 \\ \&quot; \&apos; \xHH.</source>
        <translation>第 %2 列的转义“\%1”未知。可用的转义：\r \n \t \0 \\ \&quot; \&apos; \xHH。</translation>
    </message>
    <message>
        <source>Unknown escape &apos;\%1&apos; at line %2, column %3. Valid escapes: \r \n \t \0 \\ \&quot; \&apos; \xHH.</source>
        <translation>第 %2 行第 %3 列的转义“\%1”未知。可用的转义：\r \n \t \0 \\ \&quot; \&apos; \xHH。</translation>
    </message>
    <message>
        <source>Bytes never sent</source>
        <translation>未发出的字节</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>丢失</translation>
    </message>
    <message>
        <source>Bytes that were written never reached the peer: the connection ended (Qt closing after EOF, an RST, an error) while they still waited in a buffer, or they came after the end. They do not count as sent.</source>
        <translation>已写入的字节没有到达对端：它们还在缓冲区中等待时连接就结束了（Qt 在 EOF 后关闭、RST、错误），或者它们是在连接结束之后才交来的。它们不计为已发送。</translation>
    </message>
    <message>
        <source>fds ?</source>
        <translation>描述符 ?</translation>
    </message>
    <message>
        <source>fds %1</source>
        <translation>描述符 %1</translation>
    </message>
    <message>
        <source>fds %1 / %2</source>
        <translation>描述符 %1 / %2</translation>
    </message>
    <message>
        <source>Descriptors this process has open (sockets, files, pipes) against its soft limit (ulimit -n). At the limit, accept() and connect() fail with EMFILE: connections that are never closed end there.</source>
        <translation>本进程已打开的描述符（套接字、文件、管道）与其软限制（ulimit -n）之比。达到限制时，accept() 和 connect() 以 EMFILE 失败：从不关闭的连接最终会走到这一步。</translation>
    </message>
    <message>
        <source>Number of the read (or write), counted from 1 in this direction</source>
        <translation>读取（或写入）的序号，在该方向上从 1 开始计数</translation>
    </message>
    <message>
        <source>Number of the message, counted from 1; errors and the unfinished tail have none</source>
        <translation>消息序号，从 1 开始计数；错误和未完成的尾部没有序号</translation>
    </message>
    <message>
        <source>When the read returned (or the write was made), from the start of the connection</source>
        <translation>读取返回（或写入发生）的时间，从连接开始算起</translation>
    </message>
    <message>
        <source>When the read that completed the message returned, from the start of the connection</source>
        <translation>补全该消息的那次读取返回的时间，从连接开始算起</translation>
    </message>
    <message>
        <source>rx: received from the peer; tx: sent to it</source>
        <translation>rx：从对端接收；tx：发往对端</translation>
    </message>
    <message>
        <source>Position of the first byte in this direction&apos;s stream, counted from 0</source>
        <translation>首字节在该方向字节流中的位置，从 0 开始计数</translation>
    </message>
    <message>
        <source>Bytes this one read or write returned: TCP keeps no message boundaries, so any size can arrive</source>
        <translation>这一次读取或写入返回的字节数：TCP 不保留消息边界，任何大小都可能到达</translation>
    </message>
    <message>
        <source>Bytes of the whole message, header included (for an error: the bytes it skipped; for the tail: the bytes held)</source>
        <translation>整条消息的字节数，含头部（错误行：跳过的字节数；尾部：已持有的字节数）</translation>
    </message>
    <message>
        <source>Cannot create a spill file in %1: %2. The index stays in memory.</source>
        <translation>无法在 %1 中创建溢出文件:%2。索引保留在内存中。</translation>
    </message>
    <message>
        <source>Cannot write the spill file %1: %2. The index stays in memory.</source>
        <translation>无法写入溢出文件 %1:%2。索引保留在内存中。</translation>
    </message>
    <message>
        <source>Cannot read &apos;%1&apos;: %2.</source>
        <translation>无法读取 &apos;%1&apos;：%2。</translation>
    </message>
    <message>
        <source>This regex does not compile: %1.</source>
        <translation>此正则表达式无法编译：%1。</translation>
    </message>
    <message>
        <source>no message after the last one matched (%1 in all)</source>
        <translation>上次匹配的消息之后没有消息（共 %1 条）</translation>
    </message>
    <message>
        <source>%1 (the last of %2 messages)</source>
        <translation>%1（共 %2 条消息中的最后几条）</translation>
    </message>
    <message>
        <source>no error</source>
        <translation>没有错误</translation>
    </message>
    <message>
        <source>Expected data: a quoted string &quot;...&quot;, hex &quot;...&quot; or file &quot;...&quot;.</source>
        <translation>预期数据：带引号的字符串 &quot;...&quot;、hex &quot;...&quot; 或 file &quot;...&quot;。</translation>
    </message>
    <message>
        <source>Did you mean &apos;%1&apos;?</source>
        <translation>你是指 &apos;%1&apos; 吗？</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a name: a name starts with a letter and goes on with letters, digits, &apos;_&apos;, &apos;.&apos; or &apos;-&apos;.</source>
        <translation>&apos;%1&apos; 不是名称：名称以字母开头，后跟字母、数字、&apos;_&apos;、&apos;.&apos; 或 &apos;-&apos;。</translation>
    </message>
    <message>
        <source>Unknown value &apos;%1&apos; for %2.</source>
        <translation>%2 的值 &apos;%1&apos; 未知。</translation>
    </message>
    <message>
        <source>Valid values: %1.</source>
        <translation>有效的值：%1。</translation>
    </message>
    <message>
        <source>Found &apos;%1&apos;.</source>
        <translation>找到的是 &apos;%1&apos;。</translation>
    </message>
    <message>
        <source>Expected a quoted string after hex, as in hex &quot;0d0a&quot;.</source>
        <translation>hex 后面应是带引号的字符串，例如 hex &quot;0d0a&quot;。</translation>
    </message>
    <message>
        <source>Expected a quoted path after file, as in file &quot;body.bin&quot;.</source>
        <translation>file 后面应是带引号的路径，例如 file &quot;body.bin&quot;。</translation>
    </message>
    <message>
        <source>There is no file &apos;%1&apos;.</source>
        <translation>没有文件 &apos;%1&apos;。</translation>
    </message>
    <message>
        <source>&apos;{{&apos; starts a placeholder but no &apos;}}&apos; closes it. To send &apos;{{&apos; itself, write \x7b{.</source>
        <translation>&apos;{{&apos; 开始了一个占位符，但没有 &apos;}}&apos; 将其结束。要发送 &apos;{{&apos; 本身，请写 \x7b{。</translation>
    </message>
    <message>
        <source>{{%1}} asks for %2 bytes; give 1 to %3.</source>
        <translation>{{%1}} 要求 %2 个字节；请给出 1 到 %3。</translation>
    </message>
    <message>
        <source>Unknown variable &apos;%1&apos;.</source>
        <translation>未知变量 &apos;%1&apos;。</translation>
    </message>
    <message>
        <source>No variable is declared yet: declare one above with var NAME = VALUE.</source>
        <translation>尚未声明任何变量：请在上方用 var NAME = VALUE 声明一个。</translation>
    </message>
    <message>
        <source>Variables so far: %1.</source>
        <translation>目前的变量：%1。</translation>
    </message>
    <message>
        <source>Macros: %1.</source>
        <translation>宏：%1。</translation>
    </message>
    <message>
        <source>Expected a duration such as 500ms, 2s or 1m (a bare number is milliseconds, at most a day); found &apos;%1&apos;.</source>
        <translation>预期时长，例如 500ms、2s 或 1m（不带单位的数字表示毫秒，最多一天）；找到的是 &apos;%1&apos;。</translation>
    </message>
    <message>
        <source>Expected a size in bytes such as 64 or 4K (more than 0, less than 2G); found &apos;%1&apos;.</source>
        <translation>预期以字节计的大小，例如 64 或 4K（大于 0，小于 2G）；找到的是 &apos;%1&apos;。</translation>
    </message>
    <message>
        <source>Expected a whole number of at least %1; found &apos;%2&apos;.</source>
        <translation>预期至少为 %1 的整数；找到的是 &apos;%2&apos;。</translation>
    </message>
    <message>
        <source>Expected a count such as 3, &gt;=3, &lt;=3, &gt;3 or &lt;3; found &apos;%1&apos;.</source>
        <translation>预期计数，例如 3、&gt;=3、&lt;=3、&gt;3 或 &lt;3；找到的是 &apos;%1&apos;。</translation>
    </message>
    <message>
        <source>Unexpected &apos;%1&apos;: expected an option of %2 or the end of the line.</source>
        <translation>意外的 &apos;%1&apos;：此处应是 %2 的选项或行尾。</translation>
    </message>
    <message>
        <source>Valid options: %1.</source>
        <translation>有效的选项：%1。</translation>
    </message>
    <message>
        <source>Unknown option &apos;%1&apos; for %2.</source>
        <translation>%2 的选项 &apos;%1&apos; 未知。</translation>
    </message>
    <message>
        <source>The option &apos;%1&apos; is given twice.</source>
        <translation>选项 &apos;%1&apos; 给出了两次。</translation>
    </message>
    <message>
        <source>Unexpected &apos;%1&apos;: expected the end of the line.</source>
        <translation>意外的 &apos;%1&apos;：此处应是行尾。</translation>
    </message>
    <message>
        <source>Cannot read the file: %1.</source>
        <translation>无法读取文件：%1。</translation>
    </message>
    <message>
        <source>Unknown step &apos;%1&apos;.</source>
        <translation>未知步骤 &apos;%1&apos;。</translation>
    </message>
    <message>
        <source>Valid steps: %1.</source>
        <translation>有效的步骤：%1。</translation>
    </message>
    <message>
        <source>Expected the scenario&apos;s name, as in scenario &quot;login&quot;.</source>
        <translation>预期场景名称，例如 scenario &quot;login&quot;。</translation>
    </message>
    <message>
        <source>A scenario named &apos;%1&apos; comes before, at line %2.</source>
        <translation>名为 &apos;%1&apos; 的场景在前面第 %2 行已出现。</translation>
    </message>
    <message>
        <source>Expected a variable&apos;s name, as in var target = 127.0.0.1:6379 (or var target, for a value --var must give).</source>
        <translation>预期变量名，例如 var target = 127.0.0.1:6379（或 var target，其值须由 --var 给出）。</translation>
    </message>
    <message>
        <source>Expected a value after &apos;=&apos;: a word or a quoted string.</source>
        <translation>&apos;=&apos; 之后应是一个值：一个词或带引号的字符串。</translation>
    </message>
    <message>
        <source>The variable &apos;%1&apos; is declared before, at line %2.</source>
        <translation>变量 &apos;%1&apos; 已在前面第 %2 行声明。</translation>
    </message>
    <message>
        <source>A variable&apos;s value cannot use placeholders; write the value itself.</source>
        <translation>变量的值不能使用占位符；请直接写出值本身。</translation>
    </message>
    <message>
        <source>Expected how long an expectation, accept or connect may take at most, as in timeout 2s.</source>
        <translation>预期期望、accept 或 connect 最多可用的时长，例如 timeout 2s。</translation>
    </message>
    <message>
        <source>A timeout must be longer than 0 ms.</source>
        <translation>超时必须大于 0 毫秒。</translation>
    </message>
    <message>
        <source>Expected how many bytes to read at most, as in read cli 16.</source>
        <translation>预期最多读取的字节数，例如 read cli 16。</translation>
    </message>
    <message>
        <source>Expected a framing spec, as in framing cli line or framing cli &quot;delim:hex=00&quot;.</source>
        <translation>预期分帧规格，例如 framing cli line 或 framing cli &quot;delim:hex=00&quot;。</translation>
    </message>
    <message>
        <source>Expected how long to wait, as in wait 500ms.</source>
        <translation>预期等待的时长，例如 wait 500ms。</translation>
    </message>
    <message>
        <source>The name &apos;%1&apos; already names a listener (line %2).</source>
        <translation>名称 &apos;%1&apos; 已用于一个监听器（第 %2 行）。</translation>
    </message>
    <message>
        <source>The name &apos;%1&apos; already names a connection (line %2).</source>
        <translation>名称 &apos;%1&apos; 已用于一个连接（第 %2 行）。</translation>
    </message>
    <message>
        <source>Expected the name of a connection (one that connect or accept named).</source>
        <translation>预期连接的名称（由 connect 或 accept 命名的连接）。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a listener, not a connection; name one of its connections with accept NAME %1.</source>
        <translation>&apos;%1&apos; 是监听器，不是连接；请用 accept NAME %1 为它的一个连接命名。</translation>
    </message>
    <message>
        <source>No connection is named &apos;%1&apos;.</source>
        <translation>没有名为 &apos;%1&apos; 的连接。</translation>
    </message>
    <message>
        <source>No connection is named yet: connect or accept one first.</source>
        <translation>尚未命名任何连接：请先 connect 或 accept 一个。</translation>
    </message>
    <message>
        <source>Connections so far: %1.</source>
        <translation>目前的连接：%1。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a connection, not a listener.</source>
        <translation>&apos;%1&apos; 是连接，不是监听器。</translation>
    </message>
    <message>
        <source>No listener is named &apos;%1&apos;.</source>
        <translation>没有名为 &apos;%1&apos; 的监听器。</translation>
    </message>
    <message>
        <source>No listener is named yet: listen NAME ADDRESS names one.</source>
        <translation>尚未命名任何监听器：listen NAME ADDRESS 可命名一个。</translation>
    </message>
    <message>
        <source>Listeners so far: %1.</source>
        <translation>目前的监听器：%1。</translation>
    </message>
    <message>
        <source>Expected an address to listen on, such as 127.0.0.1:0 (port 0: the system picks one).</source>
        <translation>预期要监听的地址，例如 127.0.0.1:0（端口 0：由系统选择）。</translation>
    </message>
    <message>
        <source>Expected a listener&apos;s name or an address, HOST:PORT.</source>
        <translation>预期监听器名称或地址 HOST:PORT。</translation>
    </message>
    <message>
        <source>Expected a name for the listener, as in listen srv 127.0.0.1:0.</source>
        <translation>预期监听器的名称，例如 listen srv 127.0.0.1:0。</translation>
    </message>
    <message>
        <source>Expected a name for the accepted connection, as in accept conn1 srv.</source>
        <translation>预期所接受连接的名称，例如 accept conn1 srv。</translation>
    </message>
    <message>
        <source>Expected the listener to accept from, as in accept conn1 srv.</source>
        <translation>预期要从中接受连接的监听器，例如 accept conn1 srv。</translation>
    </message>
    <message>
        <source>Expected a name for the connection, as in connect cli 127.0.0.1:8080.</source>
        <translation>预期连接的名称，例如 connect cli 127.0.0.1:8080。</translation>
    </message>
    <message>
        <source>Expected the narration as a quoted string, as in say &quot;Now the client half-closes.&quot;.</source>
        <translation>预期带引号的旁白，例如 say &quot;Now the client half-closes.&quot;。</translation>
    </message>
    <message>
        <source>Narration is shown as written: it cannot use placeholders.</source>
        <translation>旁白按原样显示：不能使用占位符。</translation>
    </message>
    <message>
        <source>Expected what to expect: %1.</source>
        <translation>预期要检查的内容：%1。</translation>
    </message>
    <message>
        <source>Unknown expectation &apos;%1&apos;.</source>
        <translation>未知的期望 &apos;%1&apos;。</translation>
    </message>
    <message>
        <source>Valid expectations: %1.</source>
        <translation>有效的期望：%1。</translation>
    </message>
    <message>
        <source>Expected a state, as in expect cli state RemoteHalfClosed.</source>
        <translation>预期状态，例如 expect cli state RemoteHalfClosed。</translation>
    </message>
    <message>
        <source>Expected an error code, as in expect cli error refused.</source>
        <translation>预期错误代码，例如 expect cli error refused。</translation>
    </message>
    <message>
        <source>Expected a kernel TCP state, as in expect srv1 kernel CLOSE_WAIT.</source>
        <translation>预期内核 TCP 状态，例如 expect srv1 kernel CLOSE_WAIT。</translation>
    </message>
    <message>
        <source>Expected a count such as 3, &gt;=3, &lt;=3, &gt;3 or &lt;3.</source>
        <translation>预期计数，例如 3、&gt;=3、&lt;=3、&gt;3 或 &lt;3。</translation>
    </message>
    <message>
        <source>Unknown match &apos;%1&apos;.</source>
        <translation>未知的匹配方式 &apos;%1&apos;。</translation>
    </message>
    <message>
        <source>Expected a quoted pattern, or one of: %1.</source>
        <translation>预期带引号的模式，或以下之一：%1。</translation>
    </message>
    <message>
        <source>A regex is written as a quoted string, as in regex &quot;^\+OK&quot;.</source>
        <translation>正则表达式须写成带引号的字符串，例如 regex &quot;^\+OK&quot;。</translation>
    </message>
    <message>
        <source>Expected a variable&apos;s name after capture=, as in capture=token.</source>
        <translation>capture= 之后应是变量名，例如 capture=token。</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>Not run: the run was stopped.</source>
        <translation>未运行：运行已停止。</translation>
    </message>
    <message>
        <source>Not run: an earlier step of this scenario failed.</source>
        <translation>未运行：此场景中较早的步骤失败了。</translation>
    </message>
    <message>
        <source>No connection came to %1 within %2 ms.</source>
        <translation>%2 毫秒内没有连接到达 %1。</translation>
    </message>
    <message>
        <source>Still connecting after %1 ms.</source>
        <translation>%1 毫秒后仍在连接。</translation>
    </message>
    <message>
        <source>Not within %1 ms.</source>
        <translation>未在 %1 毫秒内满足。</translation>
    </message>
    <message>
        <source>There is no connection &apos;%1&apos;: the step that names it did not pass.</source>
        <translation>没有连接 &apos;%1&apos;：为它命名的步骤未通过。</translation>
    </message>
    <message>
        <source>Cannot listen on %1: %2 (%3). %4</source>
        <translation>无法在 %1 上监听：%2（%3）。%4</translation>
    </message>
    <message>
        <source>The listener &apos;%1&apos; is not listening: the step that names it did not pass.</source>
        <translation>监听器 &apos;%1&apos; 未在监听：为它命名的步骤未通过。</translation>
    </message>
    <message>
        <source>The connection failed: %1</source>
        <translation>连接失败：%1</translation>
    </message>
    <message>
        <source>The connection has ended (%1): nothing can be sent.</source>
        <translation>连接已结束（%1）：无法再发送任何内容。</translation>
    </message>
    <message>
        <source>This string has no closing quote: expected &apos;&quot;&apos; before the end of the line.</source>
        <translation>此字符串没有结束引号：应在行尾之前出现 &apos;&quot;&apos;。</translation>
    </message>
    <message>
        <source>--var %1: %2 declares no variable.</source>
        <translation>--var %1：%2 未声明任何变量。</translation>
    </message>
    <message>
        <source>--var %1: %2 declares no such variable; its variables: %3.</source>
        <translation>--var %1：%2 未声明此变量；它的变量有：%3。</translation>
    </message>
    <message>
        <source>%1:%2:%3: the variable &apos;%4&apos; has no value; give it one with --var %4=VALUE.</source>
        <translation>%1:%2:%3：变量 &apos;%4&apos; 没有值；请用 --var %4=VALUE 给它一个值。</translation>
    </message>
    <message>
        <source>The variable &apos;%1&apos; has no value yet: the capture that sets it has not matched.</source>
        <translation>变量 &apos;%1&apos; 还没有值：设置它的捕获尚未匹配。</translation>
    </message>
    <message>
        <source>no TCP connection: it was never established</source>
        <translation>没有 TCP 连接：它从未建立</translation>
    </message>
    <message>
        <source>(the kernel no longer knows %1 - %2)</source>
        <translation>（内核已不再记得 %1 - %2）</translation>
    </message>
    <message>
        <source>Expected what a message must match, as in prefix &quot;PING&quot; reply &quot;+PONG\r\n&quot;, or default.</source>
        <translation>应写出消息要匹配的内容，例如 prefix &quot;PING&quot; reply &quot;+PONG\r\n&quot;，或 default。</translation>
    </message>
    <message>
        <source>Cannot read the rules file: %1.</source>
        <translation>无法读取规则文件：%1。</translation>
    </message>
    <message>
        <source>A second default rule: line %1 has one already, and only one can answer what no rule matched.</source>
        <translation>第二条 default 规则：第 %1 行已有一条，没有规则匹配的消息只能由一条规则回答。</translation>
    </message>
    <message>
        <source>A rules file is read with the scenario, before any variable has its value: give its path without {{ }}.</source>
        <translation>规则文件随场景一起读取，那时变量还没有值：请写出不含 {{ }} 的路径。</translation>
    </message>
    <message>
        <source>In the rules file %1</source>
        <translation>规则文件中 %1</translation>
    </message>
    <message>
        <source>Expected the listener the rule answers for, as in rule srv prefix &quot;PING&quot; reply &quot;+PONG\r\n&quot;.</source>
        <translation>应写出规则所属的监听端，例如 rule srv prefix &quot;PING&quot; reply &quot;+PONG\r\n&quot;。</translation>
    </message>
    <message>
        <source>The connection was removed.</source>
        <translation>该连接已被移除。</translation>
    </message>
    <message>
        <source>Nothing to read within %1 ms.</source>
        <translation>%1 毫秒内没有可读的数据。</translation>
    </message>
    <message>
        <source>The rule on line %1 cannot work: %2</source>
        <translation>第 %1 行的规则无法生效：%2</translation>
    </message>
    <message>
        <source>There is no listener &apos;%1&apos;: the step that names it did not pass.</source>
        <translation>没有监听端“%1”：创建它的步骤没有通过。</translation>
    </message>
    <message>
        <source>Reading is not paused: %1 reads everything as it comes. Write &apos;pause %1&apos; above this step.</source>
        <translation>读取没有暂停：%1 会随到随读。请在此步骤上方写 &apos;pause %1&apos;。</translation>
    </message>
    <message>
        <source>EOF: the read returned 0 bytes, the peer has closed its sending side and nothing more will come.</source>
        <translation>EOF：读取返回 0 字节，对端已关闭发送方向，不会再有数据到来。</translation>
    </message>
    <message>
        <source>The connection has ended (%1): there is nothing to read.</source>
        <translation>连接已结束（%1）：没有可读的数据。</translation>
    </message>
    <message>
        <source>Keepalive probe</source>
        <translation>保活探测</translation>
    </message>
    <message>
        <source>Zero-window probe</source>
        <translation>零窗口探测</translation>
    </message>
    <message>
        <source>Retransmission</source>
        <translation>重传</translation>
    </message>
    <message>
        <source>keepalive</source>
        <translation>保活</translation>
    </message>
    <message>
        <source>window probe</source>
        <translation>窗口探测</translation>
    </message>
    <message>
        <source>retransmit</source>
        <translation>重传</translation>
    </message>
    <message>
        <source>The kernel sent a keepalive probe: SO_KEEPALIVE is on and nothing came for the keepalive idle time (TCP_KEEPIDLE); it probes again every interval (TCP_KEEPINTVL) and gives up after count (TCP_KEEPCNT) unanswered probes or TCP_USER_TIMEOUT: the next read then fails with ETIMEDOUT.</source>
        <translation>内核发出了一个保活探测：SO_KEEPALIVE 已开启，且在保活空闲时间（TCP_KEEPIDLE）内没有收到任何数据；之后每隔一个间隔（TCP_KEEPINTVL）再探测一次，连续 count（TCP_KEEPCNT）个探测无应答或超过 TCP_USER_TIMEOUT 时放弃：下一次读取随即以 ETIMEDOUT 失败。</translation>
    </message>
    <message>
        <source>The peer&apos;s receive window is zero (it does not read), so the kernel probes it when the persist timer fires, waiting twice as long each time (backoff). A peer that answers keeps the connection open for ever; only TCP_USER_TIMEOUT ends it.</source>
        <translation>对端的接收窗口为零（它不读取数据），所以内核在持续计时器（persist timer）到期时探测它，每次等待的时间加倍（退避）。只要对端应答，连接就会一直保持打开；只有 TCP_USER_TIMEOUT 能结束它。</translation>
    </message>
    <message>
        <source>The kernel resent a segment that was not acknowledged in time (the retransmission timeout, doubled after each try), or a SYN that got no answer. It gives up after the SYN retries (TCP_SYNCNT), tcp_retries2 (about 15 min) or TCP_USER_TIMEOUT, and the connection fails with ETIMEDOUT.</source>
        <translation>内核重发了一个未及时被确认的报文段（重传超时，每次重试后加倍），或一个没有得到应答的 SYN。超过 SYN 重试次数（TCP_SYNCNT）、tcp_retries2（约 15 分钟）或 TCP_USER_TIMEOUT 后内核放弃，连接以 ETIMEDOUT 失败。</translation>
    </message>
    <message>
        <source>no timer</source>
        <translation>无计时器</translation>
    </message>
    <message>
        <source>retransmit timer</source>
        <translation>重传计时器</translation>
    </message>
    <message>
        <source>keepalive timer</source>
        <translation>保活计时器</translation>
    </message>
    <message>
        <source>TIME_WAIT timer</source>
        <translation>TIME_WAIT 计时器</translation>
    </message>
    <message>
        <source>zero-window probe timer</source>
        <translation>零窗口探测计时器</translation>
    </message>
    <message>
        <source>When it fires, what is still unacknowledged is sent again.</source>
        <translation>到期时，仍未被确认的数据会被重新发送。</translation>
    </message>
    <message>
        <source>When it fires, the kernel forgets the connection and its port pair is free again.</source>
        <translation>到期时，内核忘记这个连接，其端口对重新可用。</translation>
    </message>
    <message>
        <source>When it fires, a window probe asks the peer whether it has room again.</source>
        <translation>到期时，窗口探测会询问对端是否又有了空间。</translation>
    </message>
    <message>
        <source>%1 segment(s) resent so far; %2 timeout(s) in a row for the oldest one</source>
        <extracomment>A retransmission mark: the connection&apos;s total, then the current run of timeouts</extracomment>
        <translation>迄今已重发 %1 个报文段；最早的那个连续超时 %2 次</translation>
    </message>
    <message>
        <source>backoff %1: the next probe in %2 ms</source>
        <extracomment>A zero-window probe mark: the doubling count and the wait until the next probe</extracomment>
        <translation>退避 %1：下一次探测在 %2 毫秒后</translation>
    </message>
    <message>
        <source>Expected &apos;key: value&apos; or &apos;== section&apos;, as in &apos;title: Partial reads&apos;.</source>
        <translation>应为“键: 值”或“== 小节”，例如“title: Partial reads”。</translation>
    </message>
    <message>
        <source>Unknown key &apos;%1&apos;.</source>
        <translation>未知的键“%1”。</translation>
    </message>
    <message>
        <source>Valid keys: %1.</source>
        <translation>有效的键：%1。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is given twice.</source>
        <translation>“%1”给出了两次。</translation>
    </message>
    <message>
        <source>Unknown section &apos;%1&apos;.</source>
        <translation>未知的小节“%1”。</translation>
    </message>
    <message>
        <source>Valid sections: %1.</source>
        <translation>有效的小节：%1。</translation>
    </message>
    <message>
        <source>Section &apos;%1&apos; is given twice.</source>
        <translation>小节“%1”给出了两次。</translation>
    </message>
    <message>
        <source>&apos;order&apos; must be a whole number from 1, its place in the syllabus.</source>
        <translation>“order”必须是从 1 开始的整数，即它在课程大纲中的位置。</translation>
    </message>
    <message>
        <source>&apos;engines&apos; lists qt, native or both, each once, as in &apos;engines: native qt&apos;.</source>
        <translation>“engines”列出 qt、native 或两者，每个只出现一次，例如“engines: native qt”。</translation>
    </message>
    <message>
        <source>Unknown pitfall &apos;%1&apos;: DESIGN.md names S1 to S14.</source>
        <translation>未知的陷阱“%1”：DESIGN.md 中的编号为 S1 到 S14。</translation>
    </message>
    <message>
        <source>Unknown view &apos;%1&apos;.</source>
        <translation>未知的视图“%1”。</translation>
    </message>
    <message>
        <source>Valid views: %1.</source>
        <translation>有效的视图：%1。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is missing or empty.</source>
        <translation>“%1”缺失或为空。</translation>
    </message>
    <message>
        <source>Section &apos;== %1&apos; is missing or empty.</source>
        <translation>小节“== %1”缺失或为空。</translation>
    </message>
    <message>
        <source>Cannot read the lesson: %1</source>
        <translation>无法读取课程：%1</translation>
    </message>
    <message>
        <source>Cannot read the lesson&apos;s scenario: %1</source>
        <translation>无法读取课程的场景：%1</translation>
    </message>
    <message>
        <source>missing port in address &apos;%1&apos;: a bare number is not an address. Write 127.0.0.1:%1 (this machine only) or :%1 (every interface).</source>
        <translation>地址“%1”缺少端口：单独的数字不是地址。请写 127.0.0.1:%1（仅本机）或 :%1（所有网络接口）。</translation>
    </message>
    <message>
        <source>The address is empty. Write host:port, for example 127.0.0.1:8080 (this machine only), or :8080 for every interface.</source>
        <translation>地址为空。请写 host:port，例如 127.0.0.1:8080（仅本机），或 :8080 表示所有网络接口。</translation>
    </message>
    <message>
        <source>fewer than 2 reads</source>
        <translation>少于 2 次读取</translation>
    </message>
    <message>
        <source>Listeners&apos; ports: %1.</source>
        <translation>监听器的端口：%1。</translation>
    </message>
    <message>
        <source>Expected how many more descriptors may open, or off, as in limit-fds 1.</source>
        <translation>应给出还能再打开多少个描述符，或 off，例如 limit-fds 1。</translation>
    </message>
    <message>
        <source>Expected the listener to stop, as in stop srv.</source>
        <translation>应给出要停止的监听器，例如 stop srv。</translation>
    </message>
    <message>
        <source>Linux allows at most 127 SYN retries.</source>
        <translation>Linux 最多允许 127 次 SYN 重传。</translation>
    </message>
    <message>
        <source>Write keepalive=IDLE/INTERVAL/COUNT, as in keepalive=1s/1s/3.</source>
        <translation>请写 keepalive=空闲/间隔/次数，例如 keepalive=1s/1s/3。</translation>
    </message>
    <message>
        <source>Keepalive times are whole seconds, 1s at least: the kernel counts them in seconds.</source>
        <translation>保活时间以整秒计，至少 1s：内核按秒计算。</translation>
    </message>
    <message>
        <source>A listener has no &apos;%1&apos;: expect %2 error CODE or expect %2 accepted COUNT; name one of its connections with accept.</source>
        <translation>监听器没有“%1”：请用 expect %2 error 错误码 或 expect %2 accepted 数量；要检查它的连接，先用 accept 为其命名。</translation>
    </message>
    <message>
        <source>&apos;accepted&apos; is a listener&apos;s: expect LISTENER accepted COUNT.</source>
        <translation>“accepted”属于监听器：expect 监听器 accepted 数量。</translation>
    </message>
    <message>
        <source>Expected a time between reads, as in expect srv1 gap &gt;=30ms.</source>
        <translation>应给出两次读取之间的时间，例如 expect srv1 gap &gt;=30ms。</translation>
    </message>
    <message>
        <source>Expected a timeout: connect, idle, write_stall or close, as in expect cli timeout idle.</source>
        <translation>应给出一种超时：connect、idle、write_stall 或 close，例如 expect cli timeout idle。</translation>
    </message>
    <message>
        <source>A callout is shown as written: it cannot use placeholders.</source>
        <translation>提示框按原文显示：不能使用占位符。</translation>
    </message>
    <message>
        <source>Cannot listen on %1: %2 (%3).</source>
        <translation>无法在 %1 上监听：%2（%3）。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not listening: the step that names it did not pass, or it was stopped already.</source>
        <translation>“%1”没有在监听：命名它的步骤没有通过，或者它已经停止。</translation>
    </message>
    <message>
        <source>Cannot read the descriptor limit: %1.</source>
        <translation>无法读取描述符上限：%1。</translation>
    </message>
    <message>
        <source>Cannot lower the descriptor limit: %1.</source>
        <translation>无法降低描述符上限：%1。</translation>
    </message>
    <message>
        <source>At most %1 more descriptors: the limit is now %2.</source>
        <translation>最多还能打开 %1 个描述符：上限现在是 %2。</translation>
    </message>
    <message>
        <source>When it fires on a connection still idle, a keepalive probe goes out (TCP_KEEPIDLE, then every TCP_KEEPINTVL). On loopback the probe is answered at once; the lane marks each probe.</source>
        <translation>它在连接仍然空闲时触发，就会发出一个 keepalive 探测（先等 TCP_KEEPIDLE，之后每隔 TCP_KEEPINTVL）。在回环上探测会立即得到应答；泳道标出每一个探测。</translation>
    </message>
    <message>
        <source>probe %1 on this connection; %2 unanswered</source>
        <extracomment>A keepalive probe mark: probes since the connection opened, then those not answered yet</extracomment>
        <translation>本连接第 %1 个探测；%2 个未应答</translation>
    </message>
    <message>
        <source>The kernel gave up: unacknowledged data, or keepalive probes, went unanswered (the peer or the path is gone), or data waited longer than TCP_USER_TIMEOUT, also behind a peer that answers but does not read (a zero window).</source>
        <translation>内核放弃了：未确认的数据或 keepalive 探测没有得到应答（对方或路径已不存在），或者数据等待超过了 TCP_USER_TIMEOUT，包括对方应答却不读取（零窗口）的情况。</translation>
    </message>
    <message>
        <source>Writing the export failed: %1</source>
        <translation>写入导出文件失败：%1</translation>
    </message>
    <message>
        <source>no output</source>
        <translation>没有输出目标</translation>
    </message>
    <message>
        <source>Connection %1 %2: the first %3 bytes were no longer kept (ring mode); its data starts at sequence offset %3.</source>
        <translation>连接 %1 %2：前 %3 字节已不再保留（环形模式）；其数据从序列偏移 %3 开始。</translation>
    </message>
    <message>
        <source>Connection %1 %2: %3 bytes past the store&apos;s cap were not kept and are missing.</source>
        <translation>连接 %1 %2：超出存储上限的 %3 字节未被保留，已缺失。</translation>
    </message>
    <message>
        <source>Connection %1 is left out: its addresses %2 and %3 are not IP addresses with ports.</source>
        <translation>已略去连接 %1：其地址 %2 和 %3 不是带端口的 IP 地址。</translation>
    </message>
    <message>
        <source>Connection %1 is left out: it never connected, and where it was going is not known as an address.</source>
        <translation>已略去连接 %1：它从未建立连接，且其目标地址未知。</translation>
    </message>
    <message>
        <source>Connection %1 never connected: its local end %2 is made up.</source>
        <translation>连接 %1 从未建立连接：其本地端 %2 是编造的。</translation>
    </message>
    <message>
        <source>Connection %1 is left out: one end is IPv4 and the other IPv6 (%2, %3).</source>
        <translation>已略去连接 %1：一端是 IPv4，另一端是 IPv6（%2，%3）。</translation>
    </message>
    <message>
        <source>Synthesized by TCP Inspector from recorded reads and writes, not captured: one segment per read or write (split at %1 bytes); the handshake, the ACKs and the window are made up.</source>
        <translation>由 TCP Inspector 根据记录的读写合成，并非实际抓包：每次读或写对应一个报文段（按 %1 字节切分）；握手、ACK 和窗口均为编造。</translation>
    </message>
    <message>
        <source>Writing the capture failed: %1</source>
        <translation>写入抓包文件失败：%1</translation>
    </message>
    <message>
        <source>offset %1, %2: %3</source>
        <translation>偏移 %1，%2：%3</translation>
    </message>
    <message>
        <source>offset %1: %2</source>
        <translation>偏移 %1：%2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>connection %1, %2</source>
        <translation>连接 %1，%2</translation>
    </message>
    <message>
        <source>framing &quot;%1&quot;: %2; decoded as recorded</source>
        <translation>分帧“%1”：%2；按录制时的分帧解码</translation>
    </message>
    <message>
        <source>the recorded framing &quot;%1&quot; is unknown here (%2); decoded as raw</source>
        <translation>录制时的分帧“%1”在此版本中未知（%2）；按 raw 解码</translation>
    </message>
    <message>
        <source>ring mode had let go of the first %1 bytes (%2 chunks) before saving; the rest is loaded from offset 0, so its offsets are %1 lower than in the live run</source>
        <translation>保存前环形模式已丢弃最前面的 %1 字节（%2 个数据块）；其余部分从偏移 0 开始载入，因此偏移比实时运行时小 %1</translation>
    </message>
    <message>
        <source>decoded again, the bytes make %1 messages and %2 framing errors; when saved they made %3 and %4 (a newer decoder?)</source>
        <translation>重新解码后得到 %1 条消息和 %2 个分帧错误；保存时为 %3 和 %4（解码器更新了？）</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>opening was cancelled</source>
        <translation>打开已取消</translation>
    </message>
    <message>
        <source>not a TCP Inspector session: the file is empty</source>
        <translation>不是 TCP Inspector 会话：文件为空</translation>
    </message>
    <message>
        <source>not a TCP Inspector session: this is a pcapng capture</source>
        <translation>不是 TCP Inspector 会话：这是 pcapng 抓包文件</translation>
    </message>
    <message>
        <source>not a TCP Inspector session: this is a pcap capture</source>
        <translation>不是 TCP Inspector 会话：这是 pcap 抓包文件</translation>
    </message>
    <message>
        <source>not a TCP Inspector session: this is a zip archive</source>
        <translation>不是 TCP Inspector 会话：这是 zip 压缩包</translation>
    </message>
    <message>
        <source>not a TCP Inspector session: this is a gzip file (uncompress it first?)</source>
        <translation>不是 TCP Inspector 会话：这是 gzip 文件（先解压？）</translation>
    </message>
    <message>
        <source>not a TCP Inspector session: its first bytes were changed, as a text-mode transfer does to line ends</source>
        <translation>不是 TCP Inspector 会话：文件开头的字节被改动过，就像文本模式传输改动行尾那样</translation>
    </message>
    <message>
        <source>not a TCP Inspector session: this is a text file</source>
        <translation>不是 TCP Inspector 会话：这是文本文件</translation>
    </message>
    <message>
        <source>not a TCP Inspector session</source>
        <translation>不是 TCP Inspector 会话</translation>
    </message>
    <message>
        <source>made by a newer TCP Inspector (format %1.%2; this one reads %3.x)</source>
        <translation>由更新版本的 TCP Inspector 创建（格式 %1.%2；本版本只能读取 %3.x）</translation>
    </message>
    <message>
        <source>header</source>
        <translation>文件头</translation>
    </message>
    <message>
        <source>the file ends inside the header</source>
        <translation>文件在文件头内部结束</translation>
    </message>
    <message>
        <source>format version 0.%1 does not exist</source>
        <translation>格式版本 0.%1 不存在</translation>
    </message>
    <message>
        <source>checksum mismatch: the start times may be wrong</source>
        <translation>校验和不符：开始时间可能有误</translation>
    </message>
    <message>
        <source>the file has no trailer (a save that did not finish, or an autosave): its records were read one by one</source>
        <translation>文件没有尾部索引（保存未完成，或是自动保存）：已逐条读取记录</translation>
    </message>
    <message>
        <source>the trailer is damaged: the records were read one by one</source>
        <translation>尾部索引已损坏：已逐条读取记录</translation>
    </message>
    <message>
        <source>a record this version does not know and may not skip; it is left out</source>
        <translation>此版本不认识且不可跳过的记录；已略去</translation>
    </message>
    <message>
        <source>a record header</source>
        <translation>记录头</translation>
    </message>
    <message>
        <source>the file ends at offset %1 inside the record header; everything before opens</source>
        <translation>文件在偏移 %1 处于记录头内部结束；之前的内容均可打开</translation>
    </message>
    <message>
        <source>a record claiming %1 bytes: the file is damaged from here on</source>
        <translation>记录声称有 %1 字节：文件从此处起已损坏</translation>
    </message>
    <message>
        <source>the file ends at offset %1 inside this record (which claims %2 bytes); everything before opens</source>
        <translation>文件在偏移 %1 处于此记录内部结束（该记录声称有 %2 字节）；之前的内容均可打开</translation>
    </message>
    <message>
        <source>checksum mismatch: the record is left out</source>
        <translation>校验和不符：已略去该记录</translation>
    </message>
    <message>
        <source>its fields make no sense: the record is left out</source>
        <translation>字段内容不合理：已略去该记录</translation>
    </message>
    <message>
        <source>%1 (connection %2, %3)</source>
        <translation>%1（连接 %2，%3）</translation>
    </message>
    <message>
        <source>%1 (connection %2)</source>
        <translation>%1（连接 %2）</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1；%2</translation>
    </message>
    <message>
        <source>the file ends inside this record (which claims %1 bytes)</source>
        <translation>文件在此记录内部结束（该记录声称有 %1 字节）</translation>
    </message>
    <message>
        <source>the trailer points at something else</source>
        <translation>尾部索引指向了别的内容</translation>
    </message>
    <message>
        <source>checksum mismatch</source>
        <translation>校验和不符</translation>
    </message>
    <message>
        <source>it is left out</source>
        <translation>已略去</translation>
    </message>
    <message>
        <source>its fields make no sense: the connection is left out</source>
        <translation>字段内容不合理：已略去该连接</translation>
    </message>
    <message>
        <source>chunks %1 to %2 are left out</source>
        <translation>已略去第 %1 至 %2 个数据块</translation>
    </message>
    <message>
        <source>no record holds chunk %1: %2</source>
        <translation>没有记录包含第 %1 个数据块：%2</translation>
    </message>
    <message>
        <source>its chunks do not follow the ones before: %1</source>
        <translation>其数据块与前面的不连续：%1</translation>
    </message>
    <message>
        <source>chunk %1 lies past the saved bytes: %2</source>
        <translation>第 %1 个数据块超出了已保存的字节：%2</translation>
    </message>
    <message>
        <source>bytes %1 to %2 are missing from the file: they read as zeros</source>
        <translation>文件中缺少第 %1 至 %2 字节：按零读取</translation>
    </message>
    <message>
        <source>bytes %1 to %2 read as zeros</source>
        <translation>第 %1 至 %2 字节按零读取</translation>
    </message>
    <message>
        <source>it does not hold the bytes the trailer says: %1</source>
        <translation>其内容与尾部索引所述字节不符：%1</translation>
    </message>
    <message>
        <source>its %1 events are left out</source>
        <translation>已略去其中的 %1 个事件</translation>
    </message>
    <message>
        <source>its fields make no sense: %1</source>
        <translation>字段内容不合理：%1</translation>
    </message>
    <message>
        <source>event %1 makes no sense: the %2 after it are left out</source>
        <translation>第 %1 个事件不合理：已略去其后的 %2 个</translation>
    </message>
    <message>
        <source>the line is left out</source>
        <translation>已略去该行</translation>
    </message>
    <message>
        <source>its fields make no sense: the line is left out</source>
        <translation>字段内容不合理：已略去该行</translation>
    </message>
    <message>
        <source>%1 creating %2</source>
        <translation>创建 %2 时出错：%1</translation>
    </message>
    <message>
        <source>the session file is not open</source>
        <translation>会话文件未打开</translation>
    </message>
    <message>
        <source>saving was cancelled</source>
        <translation>保存已取消</translation>
    </message>
    <message>
        <source>%1 writing %2 at offset %3</source>
        <translation>在偏移 %3 处写入 %2 时出错：%1</translation>
    </message>
    <message>
        <source>%1 writing %2 at offset %3 (%4)</source>
        <translation>在偏移 %3 处写入 %2 时出错（%4）：%1</translation>
    </message>
    <message>
        <source>connection %1</source>
        <translation>连接 %1</translation>
    </message>
    <message>
        <source>%1 writing %2</source>
        <translation>写入 %2 时出错：%1</translation>
    </message>
    <message>
        <source>%1 renaming %2 to %3</source>
        <translation>将 %2 重命名为 %3 时出错：%1</translation>
    </message>
    <message>
        <source>--%1 &apos;%2&apos; is not understood; write %3.</source>
        <translation>无法理解 --%1 &apos;%2&apos;；请写成 %3。</translation>
    </message>
    <message>
        <source>client leg #%1</source>
        <translation>客户端侧 #%1</translation>
    </message>
    <message>
        <source>server leg #%1</source>
        <translation>服务器侧 #%1</translation>
    </message>
    <message>
        <source>Cannot make a certificate for localhost in %1.</source>
        <translation>无法在 %1 中为 localhost 生成证书。</translation>
    </message>
    <message>
        <source>The client sent bytes that are not TLS (&quot;%1&quot;): it speaks plain TCP to this TLS port (http:// instead of https://, or a client without TLS).</source>
        <translation>客户端发来的字节不是 TLS（&quot;%1&quot;）：它对这个 TLS 端口说明文 TCP（用了 http:// 而非 https://，或客户端不支持 TLS）。</translation>
    </message>
    <message>
        <source>The certificate of %1 is valid only from %2: check this machine&apos;s clock, or the server&apos;s certificate.</source>
        <translation>%1 的证书从 %2 起才生效：请检查本机时钟或服务器的证书。</translation>
    </message>
    <message>
        <source>The two sides share no TLS version: one allows only versions the other refuses (TLS 1.0 and 1.1 are off by default; OpenSSL here needs at least TLS 1.2). Enable a common version on the server.</source>
        <translation>双方没有共同的 TLS 版本：一方只允许另一方拒绝的版本（TLS 1.0 和 1.1 默认关闭；这里的 OpenSSL 至少需要 TLS 1.2）。请在服务器上启用一个共同版本。</translation>
    </message>
    <message>
        <source>The two sides have no cipher suite (or key exchange group) in common. Enable a common one on the server.</source>
        <translation>双方没有共同的密码套件（或密钥交换组）。请在服务器上启用一个共同的。</translation>
    </message>
    <message>
        <source>The peer refused the handshake (alert handshake_failure): most often no cipher suite in common, or a client certificate it requires.</source>
        <translation>对端拒绝了握手（警报 handshake_failure）：最常见的原因是没有共同的密码套件，或它要求客户端证书。</translation>
    </message>
    <message>
        <source>The client refused this server&apos;s certificate (its alert says why): it does not trust the CA, the name or the dates. Clients of a test certificate need its CA (curl --cacert, openssl s_client -CAfile).</source>
        <translation>客户端拒绝了本服务器的证书（其警报说明了原因）：它不信任 CA、名称或有效期。使用测试证书时，客户端需要其 CA（curl --cacert、openssl s_client -CAfile）。</translation>
    </message>
    <message>
        <source>TLS failed after the handshake: a record did not decrypt or broke the protocol (OpenSSL&apos;s words say which).</source>
        <translation>握手之后 TLS 失败：某个记录无法解密或违反了协议（见 OpenSSL 的原文）。</translation>
    </message>
    <message>
        <source>The TLS handshake failed (OpenSSL&apos;s words say why).</source>
        <translation>TLS 握手失败（原因见 OpenSSL 的原文）。</translation>
    </message>
    <message>
        <source>Connection closed during the TLS handshake</source>
        <translation>连接在 TLS 握手期间被关闭</translation>
    </message>
    <message>
        <source>The server closed the connection before the handshake ended, without an alert: it may not speak TLS on this port, or it dropped a handshake it did not like.</source>
        <translation>服务器在握手结束前关闭了连接，且没有发送警报：该端口可能不支持 TLS，或它放弃了不认可的握手。</translation>
    </message>
    <message>
        <source>The client closed the connection before the handshake ended, without an alert: it may have given up on this server&apos;s certificate.</source>
        <translation>客户端在握手结束前关闭了连接，且没有发送警报：它可能不接受本服务器的证书。</translation>
    </message>
    <message>
        <source>Closed without close_notify</source>
        <translation>未发送 close_notify 就关闭了</translation>
    </message>
    <message>
        <source>The peer sent FIN without TLS&apos;s close_notify alert first: the data may have been cut short by someone in between (a truncation attack), or the peer just closes this way. Trust the data only if its own framing (a length, a last chunk) says it is complete.</source>
        <translation>对端在发送 TLS 的 close_notify 警报之前就发送了 FIN：数据可能被中间人截断（截断攻击），也可能对端本来就这样关闭。只有当数据自身的分帧（长度、最后一个分块）表明其完整时才可信任。</translation>
    </message>
    <message>
        <source>close_notify: the sender will send no more data; what came before is complete.</source>
        <translation>close_notify：发送方不会再发送数据；此前的数据是完整的。</translation>
    </message>
    <message>
        <source>handshake_failure: the sender could not agree on the handshake&apos;s parameters.</source>
        <translation>handshake_failure：发送方无法就握手参数达成一致。</translation>
    </message>
    <message>
        <source>%1: the sender does not accept the certificate it was shown.</source>
        <translation>%1：发送方不接受所出示的证书。</translation>
    </message>
    <message>
        <source>certificate_expired: the sender found the certificate expired.</source>
        <translation>certificate_expired：发送方发现证书已过期。</translation>
    </message>
    <message>
        <source>unknown_ca: the sender does not trust the CA that issued the certificate.</source>
        <translation>unknown_ca：发送方不信任签发该证书的 CA。</translation>
    </message>
    <message>
        <source>protocol_version: the sender does not support the TLS version offered.</source>
        <translation>protocol_version：发送方不支持所提供的 TLS 版本。</translation>
    </message>
    <message>
        <source>%1: the sender received a message it could not make sense of.</source>
        <translation>%1：发送方收到了无法理解的消息。</translation>
    </message>
    <message>
        <source>unrecognized_name: the server has no certificate for the name asked for (SNI).</source>
        <translation>unrecognized_name：服务器没有所请求名称（SNI）的证书。</translation>
    </message>
    <message>
        <source>certificate_required: the server wants a client certificate.</source>
        <translation>certificate_required：服务器需要客户端证书。</translation>
    </message>
    <message>
        <source>no_application_protocol: none of the ALPN protocols offered is spoken.</source>
        <translation>no_application_protocol：所提供的 ALPN 协议都不被支持。</translation>
    </message>
    <message>
        <source>%1: see RFC 8446, section 6.</source>
        <translation>%1：见 RFC 8446 第 6 节。</translation>
    </message>
    <message>
        <source>OpenSSL could not start a TLS session.</source>
        <translation>OpenSSL 无法启动 TLS 会话。</translation>
    </message>
    <message>
        <source>Cannot load the certificate from %1: give a PEM file with the certificate first, then its intermediates.</source>
        <translation>无法从 %1 加载证书：请提供 PEM 文件，先放证书本身，再放中间证书。</translation>
    </message>
    <message>
        <source>Cannot load the private key from %1: give an unencrypted PEM key (BEGIN PRIVATE KEY).</source>
        <translation>无法从 %1 加载私钥：请提供未加密的 PEM 私钥（BEGIN PRIVATE KEY）。</translation>
    </message>
    <message>
        <source>The key in %1 does not belong to the certificate.</source>
        <translation>%1 中的私钥与证书不匹配。</translation>
    </message>
    <message>
        <source>Cannot load the CA certificates from %1: give a PEM file of one or more certificates.</source>
        <translation>无法从 %1 加载 CA 证书：请提供包含一个或多个证书的 PEM 文件。</translation>
    </message>
    <message>
        <source>%1; expires %2</source>
        <translation>%1；到期 %2</translation>
    </message>
    <message>
        <source>OpenSSL error %1</source>
        <translation>OpenSSL 错误 %1</translation>
    </message>
    <message>
        <source>its TLS details make no sense: the events keep their texts only</source>
        <translation>其 TLS 详情无法解析：事件只保留其文字</translation>
    </message>
    <message>
        <source>TLS handshake began</source>
        <translation>TLS 握手开始</translation>
    </message>
    <message>
        <source>TLS handshake done</source>
        <translation>TLS 握手完成</translation>
    </message>
    <message>
        <source>TLS close_notify</source>
        <translation>TLS close_notify</translation>
    </message>
    <message>
        <source>TLS alert</source>
        <translation>TLS 警报</translation>
    </message>
    <message>
        <source>TLS error</source>
        <translation>TLS 错误</translation>
    </message>
    <message>
        <source>TLS hello</source>
        <translation>TLS hello</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>close_notify</source>
        <translation>close_notify</translation>
    </message>
    <message>
        <source>The TLS handshake began: the client sends its ClientHello (the server name, the versions and ciphers it offers) and no application byte passes until the handshake is over.</source>
        <translation>TLS 握手开始：客户端发送 ClientHello（服务器名、它支持的版本和密码套件），握手结束之前没有任何应用字节通过。</translation>
    </message>
    <message>
        <source>The TLS handshake finished: both ends agreed on a version, a cipher and keys, and the client checked (or not) the server&apos;s certificate. From here the records carry the application&apos;s bytes, encrypted.</source>
        <translation>TLS 握手完成：两端商定了版本、密码套件和密钥，客户端检查（或未检查）了服务器的证书。此后记录承载加密后的应用字节。</translation>
    </message>
    <message>
        <source>A close_notify alert: this end of TLS has sent everything, so the FIN after it is an orderly end, not a truncation an attacker could fake.</source>
        <translation>close_notify 警报：TLS 的这一端已发送完毕，因此其后的 FIN 是有序结束，而不是攻击者可以伪造的截断。</translation>
    </message>
    <message>
        <source>A TLS alert: a warning, or a fatal error after which the connection ends (unknown_ca, handshake_failure, protocol_version...).</source>
        <translation>TLS 警报：一个警告，或一个致命错误，之后连接结束（unknown_ca、handshake_failure、protocol_version……）。</translation>
    </message>
    <message>
        <source>TLS failed: the handshake or a record could not be completed. The explanation says why and what to change.</source>
        <translation>TLS 失败：握手或某条记录无法完成。说明中给出原因以及需要修改什么。</translation>
    </message>
    <message>
        <source>The peer sent our own ClientHello back: it is an echo server, not a TLS server. Connect %1, or to the TLS port.</source>
        <translation>对端把我们自己的 ClientHello 发了回来：它是回显服务器，不是 TLS 服务器。请%1连接，或连接 TLS 端口。</translation>
    </message>
    <message>
        <source>The peer answered with bytes that are not TLS (&quot;%1&quot;): it speaks plain TCP on this port. Connect %2, or to the TLS port (443 for HTTPS).</source>
        <translation>对端回应的字节不是 TLS（&quot;%1&quot;）：该端口说的是明文 TCP。请%2连接，或连接 TLS 端口（HTTPS 为 443）。</translation>
    </message>
    <message>
        <source>The certificate is for %1, not %2: connect with %3, or skip verification with %4.</source>
        <translation>该证书属于 %1，而不是 %2：请用 %3 连接，或用 %4 跳过验证。</translation>
    </message>
    <message>
        <source>The certificate of %1 expired on %2. The server must renew it; skip verification with %3 (for testing only).</source>
        <translation>%1 的证书已于 %2 过期。服务器必须续期证书；可用 %3 跳过验证（仅供测试）。</translation>
    </message>
    <message>
        <source>The certificate of %1 is self-signed: no CA vouches for it. Trust it by giving the certificate itself as %2, or skip verification with %3.</source>
        <translation>%1 的证书是自签名的：没有 CA 为它担保。把该证书本身作为 %2 即可信任它，或用 %3 跳过验证。</translation>
    </message>
    <message>
        <source>The certificate of %1 was issued by %2, a CA this machine does not trust. Give that CA&apos;s certificate with %3, or skip verification with %4.</source>
        <translation>%1 的证书由 %2 签发，本机不信任这个 CA。请用 %3 提供该 CA 的证书，或用 %4 跳过验证。</translation>
    </message>
    <message>
        <source>The certificate of %1 failed verification (X509 error %2). Skip verification with %3.</source>
        <translation>%1 的证书未通过验证（X509 错误 %2）。可用 %3 跳过验证。</translation>
    </message>
    <message>
        <source>the CA file (--ca FILE)</source>
        <translation>CA 文件（--ca FILE）</translation>
    </message>
    <message>
        <source>--tls-insecure, or &quot;Verify the certificate&quot; unticked in the window</source>
        <translation>--tls-insecure（窗口中为取消勾选&quot;验证证书&quot;）</translation>
    </message>
    <message>
        <source>the server name %1 (--sni %1)</source>
        <translation>服务器名称 %1（--sni %1）</translation>
    </message>
    <message>
        <source>a client certificate and key (--cert FILE --key FILE)</source>
        <translation>客户端证书和私钥（--cert FILE --key FILE）</translation>
    </message>
    <message>
        <source>the ALPN list (--alpn)</source>
        <translation>ALPN 列表（--alpn）</translation>
    </message>
    <message>
        <source>without TLS (no --tls)</source>
        <translation>不用 TLS（去掉 --tls）</translation>
    </message>
    <message>
        <source>a CA file for client certificates (--ca)</source>
        <translation>用于客户端证书的 CA 文件（--ca）</translation>
    </message>
    <message>
        <source>The server refused our client certificate (its alert says why). Check %1 and the CAs the server trusts.</source>
        <translation>服务器拒绝了我们的客户端证书（它的告警说明了原因）。请检查%1，以及服务器信任的 CA。</translation>
    </message>
    <message>
        <source>The server requires a client certificate: give one with %1.</source>
        <translation>服务器要求客户端证书：请用%1提供。</translation>
    </message>
    <message>
        <source>The client sent no certificate, and this server requires one: it was given %1.</source>
        <translation>客户端没有发送证书，而本服务器要求提供：它配置了%1。</translation>
    </message>
    <message>
        <source>No application protocol in common (ALPN): the server speaks none of the protocols offered with %1.</source>
        <translation>没有共同的应用层协议（ALPN）：服务器不支持用%1提供的任何协议。</translation>
    </message>
    <message>
        <source>Connection %1 used TLS, but its records were not recorded (a session saved before format 1.2): its packets carry the plaintext.</source>
        <translation>连接 %1 使用了 TLS，但其记录没有被录下（会话保存于格式 1.2 之前）：它的数据包携带的是明文。</translation>
    </message>
    <message>
        <source>TLS connections carry their records; their key log is in a Decryption Secrets Block, so Wireshark shows the plaintext. Anyone with this file can read it.</source>
        <translation>TLS 连接携带其记录；其密钥日志位于解密密钥块（Decryption Secrets Block）中，因此 Wireshark 会显示明文。任何拿到此文件的人都能读到它。</translation>
    </message>
    <message>
        <source>TLS connections carry their records, encrypted; the keys were left out.</source>
        <translation>TLS 连接携带其加密的记录；密钥未包含在内。</translation>
    </message>
    <message>
        <source>TLS records were saved for a connection without TLS settings; they are left out</source>
        <translation>为一个没有 TLS 设置的连接保存了 TLS 记录；这些记录被略去</translation>
    </message>
    <message>
        <source>connection %1, %2 TLS records</source>
        <translation>连接 %1，%2 的 TLS 记录</translation>
    </message>
    <message>
        <source>no TLS on this connection: add tls to its listen or connect step</source>
        <translation>此连接没有 TLS：请在它的 listen 或 connect 步骤上加 tls</translation>
    </message>
    <message>
        <source>no record after the last one matched (%1 in all)</source>
        <translation>上一条匹配的记录之后没有记录（共 %1 条）</translation>
    </message>
    <message>
        <source>records %1 (of %2 in all)</source>
        <translation>记录 %1（共 %2 条）</translation>
    </message>
    <message>
        <source>no TLS handshake yet</source>
        <translation>还没有 TLS 握手</translation>
    </message>
    <message>
        <source>Expected a TLS alert&apos;s name, as in expect conn alert close_notify.</source>
        <translation>需要一个 TLS 告警名称，例如 expect conn alert close_notify。</translation>
    </message>
    <message>
        <source>Expected a record&apos;s content type, as in expect conn record application_data size=27, or any.</source>
        <translation>需要记录的内容类型，例如 expect conn record application_data size=27，或者 any。</translation>
    </message>
    <message>
        <source>Write the server name as it is, as in sni=example.com.</source>
        <translation>请照原样写出服务器名称，例如 sni=example.com。</translation>
    </message>
    <message>
        <source>Write alpn= as a list of protocols with commas between them, as in alpn=h2,http/1.1.</source>
        <translation>alpn= 写成以逗号分隔的协议列表，例如 alpn=h2,http/1.1。</translation>
    </message>
    <message>
        <source>Give the path of a PEM file, without {{ }}, as in %1=certs/server.pem: it is read with the scenario.</source>
        <translation>请给出 PEM 文件的路径，不带 {{ }}，例如 %1=certs/server.pem：它随场景一起读取。</translation>
    </message>
    <message>
        <source>Cannot read %1: paths are relative to the scenario file&apos;s folder.</source>
        <translation>无法读取 %1：路径相对于场景文件所在的文件夹。</translation>
    </message>
    <message>
        <source>%1= is a TLS option: add tls to this step.</source>
        <translation>%1= 是 TLS 选项：请在这一步加上 tls。</translation>
    </message>
    <message>
        <source>TLS runs on the native engine: write engine=native, or leave engine= out.</source>
        <translation>TLS 运行在原生引擎上：请写 engine=native，或者省略 engine=。</translation>
    </message>
    <message>
        <source>cert= and key= go together: give both.</source>
        <translation>cert= 和 key= 必须一起使用：请两个都给出。</translation>
    </message>
    <message>
        <source>The TLS handshake failed: %1</source>
        <translation>TLS 握手失败：%1</translation>
    </message>
    <message>
        <source>In a scenario: ca=FILE trusts a CA or a self-signed certificate (ca=local the generated localhost one), sni=NAME names the host to check, verify=off skips the check.</source>
        <translation>在场景中：ca=FILE 信任一个 CA 或自签名证书（ca=local 表示生成的 localhost 证书），sni=NAME 指定要校验的主机名，verify=off 跳过校验。</translation>
    </message>
    <message>
        <source>%1 Give cert= and key=.</source>
        <translation>%1 请给出 cert= 和 key=。</translation>
    </message>
</context>
<context>
    <name>TcpInspector::AdvancedClientOptions</name>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source> bytes</source>
        <translation> 字节</translation>
    </message>
    <message>
        <source>Keepalive idle</source>
        <translation>Keepalive 空闲</translation>
    </message>
    <message>
        <source>S5: TCP_KEEPIDLE, how long the connection is idle before the first probe (when Keepalive is on)</source>
        <translation>S5：TCP_KEEPIDLE，连接空闲多久后发送第一个探测（启用 Keepalive 时）</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>间隔</translation>
    </message>
    <message>
        <source>S5: TCP_KEEPINTVL, the time between probes</source>
        <translation>S5：TCP_KEEPINTVL，探测之间的间隔</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>system default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>Probes</source>
        <translation>探测次数</translation>
    </message>
    <message>
        <source>S5: TCP_KEEPCNT, unanswered probes before the connection is dropped</source>
        <translation>S5：TCP_KEEPCNT，连接被断开前未获应答的探测次数</translation>
    </message>
    <message>
        <source>User timeout</source>
        <translation>用户超时</translation>
    </message>
    <message>
        <source>S5: TCP_USER_TIMEOUT, give up when sent data stays unacknowledged this long (lesson 9)</source>
        <translation>S5：TCP_USER_TIMEOUT，已发送的数据这么久未被确认就放弃（第 9 课）</translation>
    </message>
    <message>
        <source>SYN retries</source>
        <translation>SYN 重试次数</translation>
    </message>
    <message>
        <source>S5: TCP_SYNCNT, how often a SYN is sent again; the system&apos;s 6 take about 127 s before connect gives up</source>
        <translation>S5：TCP_SYNCNT，SYN 重发的次数；系统默认的 6 次约需 127 秒 connect 才会放弃</translation>
    </message>
    <message>
        <source>MSS</source>
        <translation>MSS</translation>
    </message>
    <message>
        <source>TCP_MAXSEG, set before the handshake: small segments make a message arrive as several reads (S8)</source>
        <translation>TCP_MAXSEG，在握手前设置：小报文段会让一条消息分成多次读取到达（S8）</translation>
    </message>
</context>
<context>
    <name>TcpInspector::AdvancedSection</name>
    <message>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <source>Socket options, deadlines and the server&apos;s broken modes the lessons need</source>
        <translation>课程需要的套接字选项、超时和服务器的错误模式</translation>
    </message>
</context>
<context>
    <name>TcpInspector::AdvancedServerOptions</name>
    <message>
        <source>every connection at once</source>
        <translation>所有连接同时服务</translation>
    </message>
    <message>
        <source>one at a time</source>
        <translation>一次一个</translation>
    </message>
    <message>
        <source>accept once</source>
        <translation>只 Accept 一次</translation>
    </message>
    <message>
        <source>Stop the server to change the greyed settings; the reply&apos;s delay and close-after-reply apply at once.</source>
        <translation>停止服务器后才能修改灰色的设置；回复延迟和回复后关闭立即生效。</translation>
    </message>
    <message>
        <source>Serve</source>
        <translation>服务方式</translation>
    </message>
    <message>
        <source>S3: every connection at once, as a loop with a goroutine per connection; one at a time, as a handler that is not a goroutine (the next client waits in the backlog until the current one closes); accept once, as a single Accept without a loop (later clients are never served)</source>
        <translation>S3：所有连接同时服务，如同循环里每个连接一个 goroutine；一次一个，如同处理函数不是 goroutine（下一个客户端在 backlog 中等待，直到当前连接关闭）；只 Accept 一次，如同没有循环的单次 Accept（之后的客户端永远得不到服务）</translation>
    </message>
    <message>
        <source>SO_REUSEADDR</source>
        <translation>SO_REUSEADDR</translation>
    </message>
    <message>
        <source>S2: off, a restart meets the port held by TIME_WAIT (&quot;address already in use&quot;)</source>
        <translation>S2：关闭时，重启会遇到被 TIME_WAIT 占住的端口（&quot;address already in use&quot;）</translation>
    </message>
    <message>
        <source>Stay open after the peer&apos;s EOF</source>
        <translation>对端 EOF 后保持打开</translation>
    </message>
    <message>
        <source>S12, S13: keep a connection half-open after the peer&apos;s FIN instead of closing it; the native engine can still answer, and unclosed connections pile up in CLOSE_WAIT. The Qt engine closes anyway.</source>
        <translation>S12、S13：收到对端的 FIN 后让连接保持半开而不关闭；原生引擎仍能回复，不关闭的连接会堆积在 CLOSE_WAIT。Qt 引擎无论如何都会关闭。</translation>
    </message>
    <message>
        <source>Close after reply</source>
        <translation>回复后关闭</translation>
    </message>
    <message>
        <source>S12: close a connection after its first reply</source>
        <translation>S12：连接第一次回复后关闭它</translation>
    </message>
    <message>
        <source>Reply delay</source>
        <translation>回复延迟</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Wait this long before each reply: a client that closes first meets an RST (lesson 17)</source>
        <translation>每次回复前等待这么久：先关闭的客户端会收到 RST（第 17 课）</translation>
    </message>
    <message>
        <source>No delay (TCP_NODELAY)</source>
        <translation>无延迟 (TCP_NODELAY)</translation>
    </message>
    <message>
        <source>Nagle off on every accepted connection: write-write-read no longer waits for the delayed ACK (lesson 18)</source>
        <translation>在每个接受的连接上关闭 Nagle：写-写-读不再等待延迟 ACK（第 18 课）</translation>
    </message>
</context>
<context>
    <name>TcpInspector::Appearance</name>
    <message>
        <source>&amp;Appearance</source>
        <translation>外观(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>The desktop&apos;s own style and colours</source>
        <translation>使用桌面自身的样式和颜色</translation>
    </message>
</context>
<context>
    <name>TcpInspector::Autosave</name>
    <message>
        <source>A&amp;utosave Session</source>
        <translation>自动保存会话(&amp;U)</translation>
    </message>
    <message>
        <source>Writes the running session to disk every few seconds, so a crash loses little.</source>
        <translation>每隔几秒把正在进行的会话写入磁盘，崩溃时损失很少。</translation>
    </message>
    <message>
        <source>Autosave failed: %1. The recording goes on; autosave tries again.</source>
        <translation>自动保存失败：%1。记录继续进行，自动保存会再次尝试。</translation>
    </message>
    <message>
        <source>Autosave failed</source>
        <translation>自动保存失败</translation>
    </message>
    <message>
        <source>%1
The recording goes on; autosave tries again.</source>
        <translation>%1
记录继续进行，自动保存会再次尝试。</translation>
    </message>
    <message>
        <source>Autosave on</source>
        <translation>自动保存已开启</translation>
    </message>
    <message>
        <source>The session goes to %1 every %2 s once something was recorded.</source>
        <translation>记录到内容后，会话每 %2 秒写入 %1。</translation>
    </message>
    <message>
        <source>Autosaved %1 s ago</source>
        <translation>%1 秒前已自动保存</translation>
    </message>
    <message>
        <source>Autosaved %1 min ago</source>
        <translation>%1 分钟前已自动保存</translation>
    </message>
    <message>
        <source>Last written to %1 %2 s ago, in %3 ms. Autosave writes every %4 s when something changed, and less often when writing takes long.</source>
        <translation>%2 秒前写入 %1，用时 %3 毫秒。有变化时自动保存每 %4 秒写一次，写入耗时较长时会降低频率。</translation>
    </message>
    <message>
        <source>Recover Session</source>
        <translation>恢复会话</translation>
    </message>
    <message>
        <source>A TCP Inspector that did not quit normally left a session autosaved at %1 (%2 KiB).</source>
        <translation>一个未正常退出的 TCP Inspector 留下了一个在 %1 自动保存的会话（%2 KiB）。</translation>
    </message>
    <message>
        <source>Open lists its connections beside the live ones. Discard deletes it. Keep for Later asks again at the next start.</source>
        <translation>“打开”会把其中的连接列在实时连接旁边。“丢弃”会删除它。“以后再说”会在下次启动时再次询问。</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>丢弃(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Keep for Later</source>
        <translation>以后再说(&amp;K)</translation>
    </message>
    <message>
        <source>Discarded the autosaved session %1.</source>
        <translation>已丢弃自动保存的会话 %1。</translation>
    </message>
</context>
<context>
    <name>TcpInspector::ChunkTableModel</name>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>The first %1 bytes of the chunk in hex</source>
        <translation>数据块前 %1 个字节的十六进制</translation>
    </message>
    <message>
        <source>The first %1 bytes as text, with C escapes for bytes that are not printable</source>
        <translation>前 %1 个字节的文本形式，不可打印的字节用 C 转义表示</translation>
    </message>
    <message>
        <source>(let go: ring mode)</source>
        <translation>(已丢弃:环形模式)</translation>
    </message>
</context>
<context>
    <name>TcpInspector::ClientEndpoint</name>
    <message>
        <source>No connection to %1 within %2 ms: the SYN went unanswered (a full backlog, a firewall that drops, or a host that is down).</source>
        <translation>%2 ms 内未能连接到 %1：SYN 没有得到应答（backlog 已满、防火墙丢包，或主机宕机）。</translation>
    </message>
    <message>
        <source>Setting %1 to %2 failed: %3</source>
        <translation>将 %1 设为 %2 失败：%3</translation>
    </message>
</context>
<context>
    <name>TcpInspector::ClientPanel</name>
    <message>
        <source>Qt (QTcpSocket)</source>
        <translation>Qt (QTcpSocket)</translation>
    </message>
    <message>
        <source>Native (descriptor)</source>
        <translation>Native (文件描述符)</translation>
    </message>
    <message>
        <source>Local bind: %1</source>
        <translation>本地绑定：%1</translation>
    </message>
    <message>
        <source>TLS runs on the native engine</source>
        <translation>TLS 在原生引擎上运行</translation>
    </message>
    <message>
        <source>TLS failed (%1): %2</source>
        <translation>TLS 失败（%1）：%2</translation>
    </message>
</context>
<context>
    <name>TcpInspector::Connection</name>
    <message>
        <source>The peer did not close its side within %1 ms after our FIN; closing anyway.</source>
        <translation>我方发送 FIN 后 %1 ms 内，对端没有关闭它那一端；仍然关闭。</translation>
    </message>
    <message>
        <source>Setting %1 to %2 failed: %3</source>
        <translation>将 %1 设为 %2 失败：%3</translation>
    </message>
    <message>
        <source>EOF: the peer sent FIN, it will send nothing more (read returned 0).</source>
        <translation>EOF：对端发送了 FIN，不会再发送任何数据（read 返回 0）。</translation>
    </message>
    <message>
        <source>%1 bytes handed to send were never sent: the connection ended first.</source>
        <translation>交给发送的 %1 字节从未发出：连接先结束了。</translation>
    </message>
    <message>
        <source>%1 bytes handed to send were not sent: the connection has ended.</source>
        <translation>交给发送的 %1 字节没有发出：连接已结束。</translation>
    </message>
    <message>
        <source>FIN sent (shutdown SHUT_WR): we are done sending and still read.</source>
        <translation>已发送 FIN（shutdown SHUT_WR）：我方不再发送，但仍在读取。</translation>
    </message>
    <message>
        <source>Reading paused: bytes wait in the receive buffer, the window shrinks and the sender slows down.</source>
        <translation>读取已暂停：字节留在接收缓冲区中，接收窗口缩小，发送方随之放慢。</translation>
    </message>
    <message>
        <source>Reading resumed.</source>
        <translation>读取已恢复。</translation>
    </message>
    <message>
        <source>Flushing, then sending FIN and waiting up to %1 ms for the peer&apos;s EOF.</source>
        <translation>正在发完队列中的数据，随后发送 FIN，并最多等待 %1 ms 读到对端的 EOF。</translation>
    </message>
    <message>
        <source>Flushing, then closing.</source>
        <translation>正在发完队列中的数据，随后关闭。</translation>
    </message>
    <message>
        <source>RST sent (SO_LINGER 0); %1 unsent bytes were thrown away.</source>
        <translation>已发送 RST（SO_LINGER 0）；丢弃了 %1 个未发送的字节。</translation>
    </message>
    <message>
        <source>RST sent (SO_LINGER 0).</source>
        <translation>已发送 RST（SO_LINGER 0）。</translation>
    </message>
    <message>
        <source>Nothing read for %1 ms (read deadline); closing the connection.</source>
        <translation>%1 ms 内没有读到数据（读取期限）；正在关闭连接。</translation>
    </message>
    <message>
        <source>%1 bytes have waited to be sent for %2 ms: the peer is not reading and its receive window is full.</source>
        <translation>%1 字节已等待发送 %2 ms：对端没有读取，它的接收窗口已满。</translation>
    </message>
    <message>
        <source>%1 bytes handed to send were thrown away unsent by the RST.</source>
        <translation>交给发送的 %1 字节因 RST 未发出就被丢弃。</translation>
    </message>
    <message>
        <source>The RST also threw away %1 bytes still in the kernel&apos;s send queue, not yet acknowledged by the peer.</source>
        <translation>RST 还丢弃了内核发送队列中 %1 个尚未被对方确认的字节。</translation>
    </message>
</context>
<context>
    <name>TcpInspector::ConnectionActions</name>
    <message>
        <source>Send to selected</source>
        <translation>发送到所选连接</translation>
    </message>
    <message>
        <source>Send the composer&apos;s bytes to each selected connection that can send</source>
        <translation>将编辑器中的字节发送到每个可发送的所选连接</translation>
    </message>
    <message>
        <source>Send to all</source>
        <translation>发送到全部连接</translation>
    </message>
    <message>
        <source>Send the composer&apos;s bytes to every connection of this panel that can send</source>
        <translation>将编辑器中的字节发送到本面板中每个可发送的连接</translation>
    </message>
</context>
<context>
    <name>TcpInspector::ConnectionListModel</name>
    <message>
        <source>(not connected)</source>
        <translation>（未连接）</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>对端</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>本端</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>Rx</source>
        <translation>Rx</translation>
    </message>
    <message>
        <source>Tx</source>
        <translation>Tx</translation>
    </message>
    <message>
        <source>Rx msgs</source>
        <translation>Rx 消息</translation>
    </message>
    <message>
        <source>Tx msgs</source>
        <translation>Tx 消息</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>&lt; 1 s</source>
        <translation>&lt; 1 s</translation>
    </message>
    <message>
        <source>The client&apos;s address and port, as accept() returned it</source>
        <translation>客户端的地址和端口，即 accept() 返回的值</translation>
    </message>
    <message>
        <source>This end&apos;s address and port: the port the system picked for the connection, or the local bind</source>
        <translation>本端的地址和端口：系统为该连接选择的端口，或本地绑定的地址</translation>
    </message>
    <message>
        <source>Where the connection is now: connecting, established, half-closed by either end, closed, reset or failed</source>
        <translation>连接当前所处的状态：连接中、已建立、被任一端半关闭、已关闭、已重置或失败</translation>
    </message>
    <message>
        <source>qt: QTcpSocket, which closes the socket at EOF; native: the descriptor itself, which can stay half-open</source>
        <translation>qt：QTcpSocket，读到 EOF 时关闭套接字；native：直接操作描述符，可以保持半开</translation>
    </message>
    <message>
        <source>Bytes received from the peer</source>
        <translation>从对端接收的字节数</translation>
    </message>
    <message>
        <source>Bytes handed to the kernel to send to the peer</source>
        <translation>已交给内核发往对端的字节数</translation>
    </message>
    <message>
        <source>Bytes written that never reached the kernel: thrown away by a close, a reset or the end of the connection (see the event log)</source>
        <translation>已写入但从未到达内核的字节：因关闭、复位或连接结束而被丢弃（见事件日志）</translation>
    </message>
    <message>
        <source>Messages the framing decoder built from the received bytes</source>
        <translation>分帧解码器从接收字节中组出的消息数</translation>
    </message>
    <message>
        <source>Messages the framing decoder built from the sent bytes</source>
        <translation>分帧解码器从发送字节中组出的消息数</translation>
    </message>
    <message>
        <source>Time since the connection began; it stops when the connection ends</source>
        <translation>自连接开始以来的时间；连接结束时停止计时</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>未发出</translation>
    </message>
    <message>
        <source>%1 (%2, client)</source>
        <translation>%1（%2，客户端侧）</translation>
    </message>
    <message>
        <source>%1 (%2, server)</source>
        <translation>%1（%2，服务器侧）</translation>
    </message>
    <message>
        <source>The connection&apos;s number, the same in the timeline and the event log; for a relay&apos;s leg, then its pair and which end it is: (3, client) is pair 3&apos;s accepted connection, (3, server) its connection to the target</source>
        <translation>连接编号，与时间线和事件日志中的相同；对于中继的一侧，后面是它所属的连接对和哪一端：(3, client) 是第 3 对中被接受的连接，(3, server) 是它连向目标的连接</translation>
    </message>
</context>
<context>
    <name>TcpInspector::ConnectionOptionFields</name>
    <message>
        <source>Idle timeout</source>
        <translation>空闲超时</translation>
    </message>
    <message>
        <source>S6: close the connection after this long without a read, as a read deadline does; without one a silent peer blocks a read forever</source>
        <translation>S6：这么久没有读到数据就关闭连接，如同读截止时间；没有它，沉默的对端会让读取永远阻塞</translation>
    </message>
    <message>
        <source>Write stall</source>
        <translation>写入停滞</translation>
    </message>
    <message>
        <source>S6: warn when bytes wait this long to be sent, as against a peer that does not read</source>
        <translation>S6：字节等待发送达到这么久时发出警告，例如对端不读数据时</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>Read slice</source>
        <translation>读取片大小</translation>
    </message>
    <message>
        <source> bytes</source>
        <translation> 字节</translation>
    </message>
    <message>
        <source>all there is</source>
        <translation>全部可读数据</translation>
    </message>
    <message>
        <source>S8, S10: read at most this many bytes at a time, as a small buffer does: one message then arrives as several reads</source>
        <translation>S8、S10：每次最多读这么多字节，如同小缓冲区：一条消息会分成多次读取到达</translation>
    </message>
    <message>
        <source>Read once</source>
        <translation>读取一次</translation>
    </message>
    <message>
        <source>One read of at most the read slice (64 KiB without one) on the selected connection; pause its reading first</source>
        <translation>在选中的连接上读取一次，最多读取片大小（未设置时 64 KiB）；请先暂停它的读取</translation>
    </message>
    <message>
        <source>SO_RCVBUF</source>
        <translation>SO_RCVBUF</translation>
    </message>
    <message>
        <source>SO_SNDBUF</source>
        <translation>SO_SNDBUF</translation>
    </message>
    <message>
        <source>system default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>Receive buffer (the kernel doubles it): a small one fills the window of a slow reader soon (lesson 20)</source>
        <translation>接收缓冲区（内核会将其加倍）：缓冲区小时，慢读者的窗口很快就会填满（第 20 课）</translation>
    </message>
    <message>
        <source>Send buffer (the kernel doubles it): a small one makes a write stall soon against a peer that does not read (S6)</source>
        <translation>发送缓冲区（内核会将其加倍）：缓冲区小时，对端不读数据会很快导致写入停滞（S6）</translation>
    </message>
</context>
<context>
    <name>TcpInspector::ConnectionTable</name>
    <message>
        <source>Copied 1 row.</source>
        <translation>已复制 1 行。</translation>
    </message>
    <message>
        <source>Copied %1 rows.</source>
        <translation>已复制 %1 行。</translation>
    </message>
    <message>
        <source>Export connections</source>
        <translation>导出连接</translation>
    </message>
    <message>
        <source>Text, tab-separated (*.tsv *.txt)</source>
        <translation>制表符分隔的文本 (*.tsv *.txt)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>已导出到 %1。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Show the other end</source>
        <translation>显示另一端</translation>
    </message>
    <message>
        <source>Half-close</source>
        <translation>半关闭</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Reset (RST)</source>
        <translation>重置 (RST)</translation>
    </message>
    <message>
        <source>Export rows…</source>
        <translation>导出行…</translation>
    </message>
    <message>
        <source>Remove closed</source>
        <translation>移除已关闭</translation>
    </message>
    <message>
        <source>Show the relay&apos;s other leg</source>
        <translation>显示中继的另一侧</translation>
    </message>
</context>
<context>
    <name>TcpInspector::ConnectionView</name>
    <message>
        <source>Received (rx)</source>
        <translation>接收 (rx)</translation>
    </message>
    <message>
        <source>Sent (tx)</source>
        <translation>发送 (tx)</translation>
    </message>
    <message>
        <source>Select a connection in the server or client panel.</source>
        <translation>请在服务器或客户端面板中选择一个连接。</translation>
    </message>
    <message>
        <source>server side</source>
        <translation>服务器端</translation>
    </message>
    <message>
        <source>client side</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>&lt;b&gt;Connection %1&lt;/b&gt;, %2 (%3 ⇄ %4): %5</source>
        <translation>&lt;b&gt;连接 %1&lt;/b&gt;，%2（%3 ⇄ %4）：%5</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>%1 needs options: %2. Edit them and press Enter.</source>
        <translation>%1 需要选项：%2。编辑后按 Enter。</translation>
    </message>
    <message>
        <source>Nothing copied: select messages, chunks or bytes first (at most %1).</source>
        <translation>未复制任何内容：请先选择消息、数据块或字节（最多 %1）。</translation>
    </message>
    <message>
        <source>Copied %1 as %2.</source>
        <translation>已将 %1 复制为 %2。</translation>
    </message>
    <message>
        <source>Decoding the stored bytes again: %1%</source>
        <translation>正在用新的分帧重新解码已存储的字节：%1%</translation>
    </message>
    <message>
        <source>Nothing copied: select rows with bytes first (at most %1).</source>
        <translation>未复制任何内容：请先选择含字节的行（最多 %1）。</translation>
    </message>
    <message>
        <source>No message holds bytes of these chunks yet.</source>
        <translation>尚无消息包含这些数据块的字节。</translation>
    </message>
    <message>
        <source>These rows have no chunks.</source>
        <translation>这些行没有对应的数据块。</translation>
    </message>
    <message>
        <source>No connection is shown.</source>
        <translation>当前没有显示连接。</translation>
    </message>
    <message>
        <source>Export bytes</source>
        <translation>导出字节</translation>
    </message>
    <message>
        <source>Raw bytes (*.bin);;All files (*)</source>
        <translation>原始字节 (*.bin);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export rows</source>
        <translation>导出行</translation>
    </message>
    <message>
        <source>Text, tab-separated (*.tsv *.txt)</source>
        <translation>制表符分隔的文本 (*.tsv *.txt)</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>已导出到 %1。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Copy rows</source>
        <translation>复制行</translation>
    </message>
    <message>
        <source>Copied 1 row.</source>
        <translation>已复制 1 行。</translation>
    </message>
    <message>
        <source>Copied %1 rows.</source>
        <translation>已复制 %1 行。</translation>
    </message>
    <message>
        <source>Copy bytes as</source>
        <translation>字节复制为</translation>
    </message>
    <message>
        <source>Go to its messages</source>
        <translation>转到其消息</translation>
    </message>
    <message>
        <source>Go to its chunks</source>
        <translation>转到其数据块</translation>
    </message>
    <message>
        <source>Follow live</source>
        <translation>跟随实时</translation>
    </message>
    <message>
        <source>Export bytes…</source>
        <translation>导出字节…</translation>
    </message>
    <message>
        <source>Export rows as text…</source>
        <translation>将行导出为文本…</translation>
    </message>
    <message>
        <source>Close connection</source>
        <translation>关闭连接</translation>
    </message>
    <message>
        <source>Reset connection (RST)</source>
        <translation>重置连接 (RST)</translation>
    </message>
    <message>
        <source>server side, recorded</source>
        <translation>服务器端（录制）</translation>
    </message>
    <message>
        <source>client side, recorded</source>
        <translation>客户端（录制）</translation>
    </message>
    <message>
        <source>Both, as a conversation</source>
        <translation>两个方向，作为对话</translation>
    </message>
    <message>
        <source>Show the &amp;TLS records</source>
        <translation>显示 TLS 记录(&amp;T)</translation>
    </message>
    <message>
        <source>&lt;b&gt;TLS records&lt;/b&gt; (handshake, change cipher spec, application data, alerts)</source>
        <translation>&lt;b&gt;TLS 记录&lt;/b&gt;（握手、更改密码规范、应用数据、警报）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Messages&lt;/b&gt; (what the decoder reassembled)</source>
        <translation>&lt;b&gt;消息&lt;/b&gt;（解码器重组的结果）</translation>
    </message>
</context>
<context>
    <name>TcpInspector::ConversationPane</name>
    <message>
        <source>Show in the chunk table</source>
        <translation>在数据块表中显示</translation>
    </message>
    <message>
        <source>Copy the chunk as</source>
        <translation>将数据块复制为</translation>
    </message>
    <message>
        <source>The chunk is larger than %1: not copied.</source>
        <translation>数据块大于 %1：未复制。</translation>
    </message>
    <message>
        <source>Copied %1 as %2.</source>
        <translation>已将 %1 复制为 %2。</translation>
    </message>
    <message>
        <source>Received (rx)</source>
        <translation>接收 (rx)</translation>
    </message>
    <message>
        <source>Sent (tx)</source>
        <translation>发送 (tx)</translation>
    </message>
    <message>
        <source>Both, as a conversation</source>
        <translation>两个方向，作为对话</translation>
    </message>
    <message>
        <source>Select a connection to see its conversation.</source>
        <translation>选择一个连接以查看它的对话。</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>&lt;b&gt;Connection %1&lt;/b&gt;: client %2, server %3: %4</source>
        <translation>&lt;b&gt;连接 %1&lt;/b&gt;：客户端 %2，服务器 %3：%4</translation>
    </message>
</context>
<context>
    <name>TcpInspector::ConversationView</name>
    <message>
        <source>%1 received before this point are not shown (ring mode keeps the newest)</source>
        <translation>此处之前收到的 %1 未显示（环形模式只保留最新的字节）</translation>
    </message>
    <message>
        <source>%1 sent before this point are not shown (ring mode keeps the newest)</source>
        <translation>此处之前发送的 %1 未显示（环形模式只保留最新的字节）</translation>
    </message>
    <message>
        <source>%1 more received were not kept (the store&apos;s cap, or no memory)</source>
        <translation>另有收到的 %1 未保存（达到存储上限，或内存不足）</translation>
    </message>
    <message>
        <source>%1 more sent were not kept (the store&apos;s cap, or no memory)</source>
        <translation>另有发送的 %1 未保存（达到存储上限，或内存不足）</translation>
    </message>
    <message>
        <source>client → server</source>
        <translation>客户端 → 服务器</translation>
    </message>
    <message>
        <source>server → client</source>
        <translation>服务器 → 客户端</translation>
    </message>
    <message>
        <source>received chunk %1</source>
        <translation>收到的数据块 %1</translation>
    </message>
    <message>
        <source>sent chunk %1</source>
        <translation>发送的数据块 %1</translation>
    </message>
    <message>
        <source>%1, %2: %3 at offset %4, %5</source>
        <translation>%1，%2：%3，偏移 %4，%5</translation>
    </message>
    <message>
        <source>Select a connection to see its conversation.</source>
        <translation>选择一个连接以查看它的对话。</translation>
    </message>
    <message>
        <source>Reading lines…</source>
        <translation>正在读取行…</translation>
    </message>
    <message>
        <source>No bytes yet</source>
        <translation>尚无字节</translation>
    </message>
</context>
<context>
    <name>TcpInspector::DockLayout</name>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>事件日志</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Scenarios</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>中继</translation>
    </message>
</context>
<context>
    <name>TcpInspector::EventLogModel</name>
    <message>
        <source>%1, %2</source>
        <comment>state, cause: Reset, by the peer</comment>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>正在监听</translation>
    </message>
    <message>
        <source>Stopped listening</source>
        <translation>已停止监听</translation>
    </message>
    <message>
        <source>Accepting paused</source>
        <translation>accept 已暂停</translation>
    </message>
    <message>
        <source>Accepting resumed</source>
        <translation>accept 已恢复</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>Kernel: %1</source>
        <translation>内核：%1</translation>
    </message>
    <message>
        <source>State changes</source>
        <translation>状态变化</translation>
    </message>
    <message>
        <source>Half-closes (FIN sent, EOF)</source>
        <translation>半关闭（已发送 FIN、收到 EOF）</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Timeouts</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Kernel states</source>
        <translation>内核状态</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Bytes never sent</source>
        <translation>未发出的字节</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>发生了什么</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>解释</translation>
    </message>
</context>
<context>
    <name>TcpInspector::EventLogPane</name>
    <message>
        <source>All connections</source>
        <translation>所有连接</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>仅错误</translation>
    </message>
    <message>
        <source>%1 of %2 kinds</source>
        <translation>%1/%2 类</translation>
    </message>
    <message>
        <source>listener</source>
        <translation>监听方</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy all visible</source>
        <translation>复制所有可见行</translation>
    </message>
    <message>
        <source>Show only %1</source>
        <translation>只显示 %1</translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation>清除过滤</translation>
    </message>
    <message>
        <source>1 older event left this log, which keeps the newest %1; the connections still listed keep all of theirs, in the timeline.</source>
        <translation>有 1 个较早的事件已移出此日志（日志只保留最新的 %1 个）；仍在列表中的连接在时间线中保留其全部事件。</translation>
    </message>
    <message>
        <source>%1 older events left this log, which keeps the newest %2; the connections still listed keep all of theirs, in the timeline.</source>
        <translation>有 %1 个较早的事件已移出此日志（日志只保留最新的 %2 个）；仍在列表中的连接在时间线中保留其全部事件。</translation>
    </message>
</context>
<context>
    <name>TcpInspector::FindBar</name>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Searching… %1</source>
        <translation>正在查找… %1</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>Found at offset %1 (wrapped around)</source>
        <translation>在偏移 %1 处找到（已从头绕回）</translation>
    </message>
    <message>
        <source>Found at offset %1</source>
        <translation>在偏移 %1 处找到</translation>
    </message>
    <message>
        <source>%1 of %2 rows shown</source>
        <translation>显示 %1 / %2 行</translation>
    </message>
</context>
<context>
    <name>TcpInspector::FirstStartHint</name>
    <message>
        <source>a loopback port</source>
        <translation>一个回环端口</translation>
    </message>
    <message>
        <source>&lt;b&gt;Two ends of TCP in one window.&lt;/b&gt; The &lt;b&gt;Server&lt;/b&gt; panel listens on %1 and echoes what it reads; the &lt;b&gt;Client&lt;/b&gt; panel connects to any address, this server by default. Connect, type in &lt;b&gt;Send&lt;/b&gt;, and watch below each read as the chunk it was, beside the messages a framing builds from them; the &lt;b&gt;Timeline&lt;/b&gt; shows what each end did and when. The &lt;b&gt;Lesson&lt;/b&gt; menu replays the classic pitfalls; the &lt;b&gt;Relay&lt;/b&gt; panel shows the traffic between two programs of your own.</source>
        <translation>&lt;b&gt;一个窗口里的 TCP 两端。&lt;/b&gt;&lt;b&gt;服务器&lt;/b&gt;面板在 %1 上监听，并回显它读到的内容；&lt;b&gt;客户端&lt;/b&gt;面板可以连接任意地址，默认连接这个服务器。点击连接，在&lt;b&gt;发送&lt;/b&gt;中输入内容，然后在下方查看每次读取的真实数据块，以及分帧由它们重组出的消息；&lt;b&gt;时间线&lt;/b&gt;显示每一端在何时做了什么。&lt;b&gt;课程&lt;/b&gt;菜单重现经典陷阱；&lt;b&gt;中继&lt;/b&gt;面板显示你自己的两个程序之间的流量。</translation>
    </message>
    <message>
        <source>Show me</source>
        <translation>演示一下</translation>
    </message>
    <message>
        <source>Connect the client panel to the server panel and send a line</source>
        <translation>让客户端面板连接服务器面板，并发送一行</translation>
    </message>
    <message>
        <source>Got it</source>
        <translation>知道了</translation>
    </message>
    <message>
        <source>Hide this; Help &gt; Getting Started shows it again</source>
        <translation>隐藏此提示；“帮助 &gt; 入门”可再次显示</translation>
    </message>
</context>
<context>
    <name>TcpInspector::GettingStarted</name>
    <message>
        <source>About TCP Inspector</source>
        <translation>关于 TCP Inspector</translation>
    </message>
    <message>
        <source>&lt;h3&gt;TCP Inspector %1&lt;/h3&gt;&lt;p&gt;Makes TCP visible: every read as the chunk it was, the messages a framing decoder builds from them, and what each end of a connection did and when.&lt;/p&gt;&lt;p&gt;Copyright © the TCP Inspector developers. Free software under the GNU General Public License, version 3 or later (GPL-3.0-or-later): you may share and change it; it comes with no warranty. The licence is in LICENSE, installed in share/doc/tcpinspector.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;TCP 检查器 %1&lt;/h3&gt;&lt;p&gt;让 TCP 看得见：每次读取的真实数据块、分帧解码器由它们重组出的消息，以及连接的每一端在何时做了什么。&lt;/p&gt;&lt;p&gt;版权所有 © TCP 检查器开发者。本软件是自由软件，依据 GNU 通用公共许可证第 3 版或更高版本（GPL-3.0-or-later）发布：你可以分享和修改它；它不附带任何担保。许可证全文见 LICENSE，安装在 share/doc/tcpinspector 中。&lt;/p&gt;&lt;p&gt;构建于 Qt %2，运行于 Qt %3。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>用户指南</translation>
    </message>
    <message>
        <source>The user guide is docs/GUIDE.md in the source, and in share/doc/tcpinspector where the package installs it; this installation has no copy.</source>
        <translation>用户指南位于源码的 docs/GUIDE.md，软件包会把它安装到 share/doc/tcpinspector；当前安装中没有这份文件。</translation>
    </message>
    <message>
        <source>&amp;Getting Started</source>
        <translation>入门(&amp;G)</translation>
    </message>
    <message>
        <source>Show the hint about the two panels again</source>
        <translation>再次显示关于两个面板的提示</translation>
    </message>
    <message>
        <source>&amp;User Guide</source>
        <translation>用户指南(&amp;U)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
</context>
<context>
    <name>TcpInspector::HexView</name>
    <message>
        <source>No bytes yet</source>
        <translation>尚无字节</translation>
    </message>
    <message>
        <source>Reading lines…</source>
        <translation>正在读取行…</translation>
    </message>
    <message>
        <source>offset %1 (0x%2)</source>
        <translation>偏移 %1 (0x%2)</translation>
    </message>
    <message numerus="yes">
        <source>offset %1 (0x%2), chunk %3 (offset %4, %n bytes)</source>
        <translation>
            <numerusform>偏移 %1 (0x%2)，数据块 %3（偏移 %4，%n 字节）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>offset %1 (0x%2), chunk %3 (offset %4, %n bytes), framing error: %5</source>
        <translation>
            <numerusform>偏移 %1 (0x%2)，数据块 %3（偏移 %4，%n 字节），分帧错误：%5</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>offset %1 (0x%2), chunk %3 (offset %4, %n bytes), unfinished message</source>
        <translation>
            <numerusform>偏移 %1 (0x%2)，数据块 %3（偏移 %4，%n 字节），未完成的消息</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>offset %1 (0x%2), chunk %3 (offset %4, %n bytes), message %5</source>
        <translation>
            <numerusform>偏移 %1 (0x%2)，数据块 %3（偏移 %4，%n 字节），消息 %5</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TcpInspector::KeepMenu</name>
    <message>
        <source>&amp;Keep</source>
        <translation>保留(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Everything (record)</source>
        <translation>全部(记录)(&amp;E)</translation>
    </message>
    <message>
        <source>The last %1 of each direction (ring)</source>
        <translation>每个方向最近的 %1(环形)</translation>
    </message>
    <message>
        <source>What new connections keep. Ring mode lets the oldest bytes go so memory stays flat on an endless stream; what goes is counted in the status bar.</source>
        <translation>新连接保留什么。环形模式会丢弃最旧的字节,让无尽的数据流也不会让内存增长;丢弃的字节数显示在状态栏。</translation>
    </message>
    <message>
        <source>Ring: last %1</source>
        <translation>环形:最近 %1</translation>
    </message>
    <message>
        <source>Ring off</source>
        <translation>环形已关闭</translation>
    </message>
    <message>
        <source>%1, %2 let go</source>
        <translation>%1,已丢弃 %2</translation>
    </message>
    <message>
        <source>Closed connections</source>
        <translation>已关闭的连接</translation>
    </message>
    <message>
        <source>Keep &amp;all</source>
        <translation>全部保留(&amp;A)</translation>
    </message>
    <message>
        <source>Keep the newest %1</source>
        <translation>保留最新的 %1 个</translation>
    </message>
    <message numerus="yes">
        <source>%1; %n closed connection(s) removed</source>
        <extracomment>The keep label, then how many ended connections the limit removed</extracomment>
        <translation>
            <numerusform>%1；已移除 %n 个已关闭的连接</numerusform>
        </translation>
    </message>
    <message>
        <source>Bytes that ring mode let go, over the connections listed, and ended connections removed past the closed connections kept. Choose Connection &gt; Keep &gt; Everything and Keep all to keep every byte and connection.</source>
        <translation>环形模式丢弃的字节（按列出的连接统计），以及超出保留数量而被移除的已结束连接。选择“连接 &gt; 保留 &gt; 全部”和“全部保留”即可保留每个字节和每个连接。</translation>
    </message>
</context>
<context>
    <name>TcpInspector::LessonCodeView</name>
    <message>
        <source>Go (as in the article)</source>
        <translation>Go（文章中的写法）</translation>
    </message>
    <message>
        <source>C++ / Qt</source>
        <translation>C++ / Qt</translation>
    </message>
</context>
<context>
    <name>TcpInspector::LessonPane</name>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>Native (POSIX)</source>
        <translation>原生（POSIX）</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>Press Next (Space, PageDown) to run the first step, or Run all.</source>
        <translation>按“下一步”（空格键、PageDown）运行第一步，或按“全部运行”。</translation>
    </message>
    <message>
        <source>This lesson&apos;s scenario has errors: %1</source>
        <translation>本课的场景有错误：%1</translation>
    </message>
    <message>
        <source>Paused before line %1: Next runs it.</source>
        <translation>已在第 %1 行前暂停：按“下一步”运行它。</translation>
    </message>
    <message>
        <source>Running...</source>
        <translation>正在运行……</translation>
    </message>
    <message>
        <source>All %1 observations held.</source>
        <translation>全部 %1 项观察均成立。</translation>
    </message>
    <message>
        <source>Observation on line %1 did not hold: expected %2, got %3.</source>
        <translation>第 %1 行的观察不成立：期望 %2，实际为 %3。</translation>
    </message>
    <message>
        <source>Line %1 failed: %2</source>
        <translation>第 %1 行失败：%2</translation>
    </message>
    <message>
        <source>%1 steps, %2 observations.</source>
        <translation>%1 个步骤，%2 项观察。</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>解释</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>The lessons, in the order of the syllabus</source>
        <translation>按教学大纲顺序排列的课程</translation>
    </message>
    <message>
        <source>&amp;Engine:</source>
        <translation>引擎(&amp;E)：</translation>
    </message>
    <message>
        <source>The socket engine the lesson&apos;s endpoints use</source>
        <translation>本课端点使用的套接字引擎</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Runs one step, then pauses (Space, PageDown, Right)</source>
        <translation>运行一步后暂停（空格键、PageDown、右方向键）</translation>
    </message>
    <message>
        <source>Run all</source>
        <translation>全部运行</translation>
    </message>
    <message>
        <source>Runs the lesson to its end</source>
        <translation>把本课一直运行到结束</translation>
    </message>
    <message>
        <source>Run again</source>
        <translation>重新运行</translation>
    </message>
    <message>
        <source>Resets the lesson and runs it from the start</source>
        <translation>重置本课并从头运行</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Stops the lesson and removes its connections from the window</source>
        <translation>停止本课并从窗口中移除它的连接</translation>
    </message>
    <message>
        <source>&amp;Next Lesson Step</source>
        <translation>课程下一步(&amp;N)</translation>
    </message>
    <message>
        <source>Run &amp;Whole Lesson</source>
        <translation>运行整节课(&amp;W)</translation>
    </message>
    <message>
        <source>Run Lesson &amp;Again</source>
        <translation>重新运行本课(&amp;A)</translation>
    </message>
    <message>
        <source>Rese&amp;t Lesson</source>
        <translation>重置课程(&amp;T)</translation>
    </message>
</context>
<context>
    <name>TcpInspector::MainWindow</name>
    <message>
        <source>Select a connection to send on.</source>
        <translation>请选择用于发送的连接。</translation>
    </message>
    <message>
        <source>This connection sent its FIN: it can no longer send.</source>
        <translation>此连接已发送 FIN：不能再发送。</translation>
    </message>
    <message>
        <source>This connection is %1: it cannot send.</source>
        <translation>此连接状态为“%1”：无法发送。</translation>
    </message>
    <message>
        <source>rx %1</source>
        <translation>rx %1</translation>
    </message>
    <message>
        <source>tx %1</source>
        <translation>tx %1</translation>
    </message>
    <message>
        <source>%1 messages/s</source>
        <translation>%1 条消息/s</translation>
    </message>
    <message>
        <source>listening on %1</source>
        <translation>正在监听 %1</translation>
    </message>
    <message>
        <source>not listening</source>
        <translation>未监听</translation>
    </message>
    <message>
        <source>New server connections will start with framing %1.</source>
        <translation>新的服务器端连接将以分帧 %1 开始。</translation>
    </message>
    <message>
        <source>New client connections will start with framing %1.</source>
        <translation>新的客户端连接将以分帧 %1 开始。</translation>
    </message>
    <message>
        <source>1 open connection</source>
        <translation>1 个打开的连接</translation>
    </message>
    <message>
        <source>%1 open connections</source>
        <translation>%1 个打开的连接</translation>
    </message>
    <message>
        <source>Accept failed: %1 (details in the event log)</source>
        <translation>accept 失败：%1（详见事件日志）</translation>
    </message>
    <message>
        <source>Nothing to send: type the bytes in the composer first.</source>
        <translation>没有可发送的内容：请先在发送区输入字节。</translation>
    </message>
    <message>
        <source>&amp;Scenario</source>
        <translation>场景(&amp;S)</translation>
    </message>
    <message>
        <source>The connection of that step is no longer listed.</source>
        <translation>该步骤的连接已不在列表中。</translation>
    </message>
    <message>
        <source>&amp;Lesson</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>回放</translation>
    </message>
    <message>
        <source>This connection is a recording: it cannot send.</source>
        <translation>此连接是录制内容：无法发送。</translation>
    </message>
    <message>
        <source>--framing %1: %2</source>
        <translation>--framing %1：%2</translation>
    </message>
    <message>
        <source>--listen %1: %2</source>
        <translation>--listen %1：%2</translation>
    </message>
    <message>
        <source>--listen %1: cannot listen there (the server panel says why)</source>
        <translation>--listen %1：无法在此监听（原因见服务器面板）</translation>
    </message>
    <message>
        <source>--connect %1: %2</source>
        <translation>--connect %1：%2</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <source>New relayed connections will start with framing %1.</source>
        <translation>新的中继连接将以分帧 %1 开始。</translation>
    </message>
    <message>
        <source>--relay %1: %2</source>
        <translation>--relay %1：%2</translation>
    </message>
    <message>
        <source>--relay-listen %1: say where to relay to with --relay TARGET too.</source>
        <translation>--relay-listen %1：还需要用 --relay TARGET 指明中继到哪里。</translation>
    </message>
</context>
<context>
    <name>TcpInspector::MessageTableModel</name>
    <message>
        <source>partial: %1 of %2 bytes</source>
        <translation>不完整：%1/%2 字节</translation>
    </message>
    <message>
        <source>partial: %1 bytes, needs more</source>
        <translation>不完整：%1 字节，还需更多</translation>
    </message>
    <message>
        <source>oversize</source>
        <translation>超长</translation>
    </message>
    <message>
        <source>malformed</source>
        <translation>格式错误</translation>
    </message>
    <message>
        <source>%1, decoding stopped</source>
        <translation>%1，解码已停止</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>头部</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>The framing&apos;s header (a length prefix, say) as text with C escapes, empty for framings without one such as lines; for an error, its kind</source>
        <translation>分帧的头部（例如长度前缀），以带 C 转义的文本显示，没有头部的分帧（如按行）为空；错误行显示错误类型</translation>
    </message>
    <message>
        <source>The first %1 bytes of the payload as text; for an error, what went wrong; for the unfinished tail, how many bytes it holds and still needs</source>
        <translation>载荷前 %1 个字节的文本；错误行显示出错原因；未完成的尾部显示已持有和仍需的字节数</translation>
    </message>
    <message>
        <source>Ring mode let this message go with the oldest bytes (Connection &gt; Keep).</source>
        <translation>环形模式已随最旧的字节丢弃这条消息(连接 &gt; 保留)。</translation>
    </message>
    <message>
        <source>(let go: ring mode)</source>
        <translation>(已丢弃:环形模式)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>A message&apos;s kind and its header bytes: &quot;handshake: <byte value="x16"/><byte value="x3"/><byte value="x1"/><byte value="x0"/>�&quot;</extracomment>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>TcpInspector::NativeConnection</name>
    <message>
        <source>Connecting to %1</source>
        <translation>正在连接 %1</translation>
    </message>
    <message>
        <source>Looking up %1</source>
        <translation>正在解析 %1</translation>
    </message>
    <message>
        <source>%1 has no address</source>
        <translation>%1 没有地址</translation>
    </message>
    <message>
        <source>Connecting to %1 (%2)</source>
        <translation>正在连接 %1（%2）</translation>
    </message>
    <message>
        <source>Connecting to %1 failed (%2); trying the next address.</source>
        <translation>连接 %1 失败（%2）；正在尝试下一个地址。</translation>
    </message>
    <message>
        <source>Both sides have sent FIN; the socket is closed.</source>
        <translation>双方都已发送 FIN；套接字已关闭。</translation>
    </message>
    <message>
        <source>close_notify: the peer ended its TLS stream; it will send no more data (its FIN usually follows).</source>
        <translation>close_notify：对端结束了它的 TLS 流，不会再发送数据（通常随后是它的 FIN）。</translation>
    </message>
    <message>
        <source>TLS handshake begins: ClientHello for %1 (SNI %2, ALPN %3), certificate check %4.</source>
        <translation>TLS 握手开始：发往 %1 的 ClientHello（SNI %2，ALPN %3），证书检查 %4。</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>TLS handshake begins: waiting for the client&apos;s ClientHello.</source>
        <translation>TLS 握手开始：等待客户端的 ClientHello。</translation>
    </message>
    <message>
        <source>TLS handshake done: %1, cipher %2, ALPN %3.</source>
        <translation>TLS 握手完成：%1，密码套件 %2，ALPN %3。</translation>
    </message>
    <message>
        <source>Peer certificate %1, issued by %2, expires %3.</source>
        <translation>对端证书 %1，由 %2 签发，到期 %3。</translation>
    </message>
    <message>
        <source>TLS alert sent (%1): %2</source>
        <translation>已发送 TLS 警报（%1）：%2</translation>
    </message>
    <message>
        <source>TLS alert received (%1): %2</source>
        <translation>收到 TLS 警报（%1）：%2</translation>
    </message>
    <message>
        <source>off (%1)</source>
        <translation>关（%1）</translation>
    </message>
    <message>
        <source>Verification is off (%1); it would have failed: %2</source>
        <translation>验证已关闭（%1）；否则会失败：%2</translation>
    </message>
    <message>
        <source>The FIN asked for during the TLS handshake goes now, after it, with close_notify before it.</source>
        <translation>TLS 握手期间请求的 FIN 现在才发出：在握手之后，并且先发 close_notify。</translation>
    </message>
</context>
<context>
    <name>TcpInspector::PresentationMode</name>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>Reset &amp;Zoom</source>
        <translation>重置缩放(&amp;Z)</translation>
    </message>
    <message>
        <source>&amp;Presentation Mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Large type, high contrast and only the panels a lesson needs, for a projector</source>
        <translation>大字号、高对比度，只显示课程需要的面板，适合投影仪</translation>
    </message>
    <message>
        <source>Presentation Colours: Light on &amp;Dark</source>
        <translation>演示配色：深色底浅色字(&amp;D)</translation>
    </message>
    <message>
        <source>Zoom %1 %</source>
        <translation>缩放 %1 %</translation>
    </message>
</context>
<context>
    <name>TcpInspector::QtConnection</name>
    <message>
        <source>Connecting to %1:%2</source>
        <translation>正在连接 %1:%2</translation>
    </message>
    <message>
        <source>Qt closed the socket after EOF: QTcpSocket cannot stay half-open, so nothing more can be written to the peer. The native engine can.</source>
        <translation>Qt 在 EOF 之后关闭了套接字：QTcpSocket 无法保持半关闭，因此不能再向对端写入。native 引擎可以。</translation>
    </message>
    <message>
        <source>Qt closed the socket after the peer&apos;s FIN.</source>
        <translation>Qt 在收到对端的 FIN 后关闭了套接字。</translation>
    </message>
    <message>
        <source>Qt reported RemoteHostClosedError, which it uses for a FIN and an RST alike.</source>
        <translation>Qt 报告了 RemoteHostClosedError，它对 FIN 和 RST 都报这个错误。</translation>
    </message>
    <message>
        <source>Socket is not connected</source>
        <translation>套接字未连接</translation>
    </message>
    <message>
        <source>Qt discarded %1 bytes that were written but not yet sent when it closed the socket; the peer never gets them.</source>
        <translation>Qt 关闭套接字时丢弃了 %1 个已写入但尚未发出的字节；对端永远收不到它们。</translation>
    </message>
    <message>
        <source>Writes wait in QTcpSocket&apos;s buffer until the event loop sends them (no flush), as in a plain Qt program; Qt throws away what is still there when it closes the socket at the peer&apos;s EOF.</source>
        <translation>写入的数据留在 QTcpSocket 的缓冲区中，直到事件循环把它们发出（不调用 flush），和普通 Qt 程序一样；Qt 在读到对端的 EOF 并关闭套接字时，会丢弃仍在缓冲区中的数据。</translation>
    </message>
    <message>
        <source>Qt closed the socket after the peer&apos;s FIN; the bytes it still held were sent first, then the FIN.</source>
        <translation>Qt 在对端 FIN 之后关闭了套接字；它仍持有的字节已先发出，然后才发 FIN。</translation>
    </message>
    <message>
        <source>Qt closed its socket at the peer&apos;s FIN with %1 bytes not yet sent; TCP Inspector kept the connection open and sends them before its own FIN.</source>
        <translation>Qt 在读到对端 FIN 时关闭了自己的套接字，此时还有 %1 字节未发出；TCP Inspector 让连接保持打开，先发完这些字节，再发自己的 FIN。</translation>
    </message>
    <message>
        <source>%1 bytes waiting for room in the kernel could not be sent: %2.</source>
        <translation>等待内核缓冲区空间的 %1 字节无法发出：%2。</translation>
    </message>
</context>
<context>
    <name>TcpInspector::Relay</name>
    <message>
        <source>The relay could not connect to %1 (%2): it resets this connection, as a server that refuses would.</source>
        <translation>中继无法连接到 %1（%2）：它像拒绝连接的服务器那样重置此连接。</translation>
    </message>
    <message>
        <source>The relay could not connect to %1 (%2): it closes this connection.</source>
        <translation>中继无法连接到 %1（%2）：它关闭此连接。</translation>
    </message>
    <message>
        <source>The %1 leg was reset: the relay resets this one too.</source>
        <translation>%1 一侧的连接被重置：中继也重置这一侧。</translation>
    </message>
    <message>
        <source>The relay refuses new connections (a fault asked for): reset.</source>
        <translation>中继拒绝新连接（按故障设置）：已重置。</translation>
    </message>
    <message>
        <source>Reset by the relay %1 ms after the accept (a fault asked for).</source>
        <translation>接受连接 %1 毫秒后被中继重置（按故障设置）。</translation>
    </message>
    <message>
        <source>The relay waits %1 ms before connecting upstream (a fault asked for).</source>
        <translation>中继等待 %1 毫秒后再连接上游（按故障设置）。</translation>
    </message>
    <message>
        <source>%1 bytes passed from the %2 leg (a limit a fault set): the relay resets both legs.</source>
        <translation>已从 %2 一侧转发 %1 字节（故障设置的上限）：中继重置两侧连接。</translation>
    </message>
    <message>
        <source>%1 bytes passed from the %2 leg (a limit a fault set): the relay closes both legs.</source>
        <translation>已从 %2 一侧转发 %1 字节（故障设置的上限）：中继关闭两侧连接。</translation>
    </message>
    <message>
        <source>The %1 leg ended before this one was connected; the relay gives up connecting.</source>
        <translation>%1 一侧在这一侧连接建立之前就结束了；中继放弃连接。</translation>
    </message>
    <message>
        <source>The relay&apos;s TLS to %1 failed (%2): it resets this connection, as a server that refuses would. %3</source>
        <translation>中继到 %1 的 TLS 失败（%2）：它重置这个连接，就像拒绝连接的服务器那样。%3</translation>
    </message>
    <message>
        <source>The relay&apos;s TLS to %1 failed (%2): it closes this connection. %3</source>
        <translation>中继到 %1 的 TLS 失败（%2）：它关闭这个连接。%3</translation>
    </message>
</context>
<context>
    <name>TcpInspector::RelayFaultsEditor</name>
    <message>
        <source>Client → server</source>
        <extracomment>Column heads of the relay&apos;s faults: the direction the bytes go</extracomment>
        <translation>客户端 → 服务器</translation>
    </message>
    <message>
        <source>Server → client</source>
        <translation>服务器 → 客户端</translation>
    </message>
    <message>
        <source>Latency</source>
        <extracomment>Labels of one direction&apos;s faults: latency, ± jitter, bandwidth, slice, every (delay between slices), coalesce, limit</extracomment>
        <translation>延迟</translation>
    </message>
    <message>
        <source>±</source>
        <translation>±</translation>
    </message>
    <message>
        <source>Bandwidth</source>
        <translation>带宽</translation>
    </message>
    <message>
        <source>Slice</source>
        <translation>切片</translation>
    </message>
    <message>
        <source>every</source>
        <translation>间隔</translation>
    </message>
    <message>
        <source>Coalesce</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop passing bytes this way: the relay stops reading, so the sender&apos;s writes fill the buffers and then block. Bytes and a FIN that come meanwhile wait, and pass in order on resume.</source>
        <translation>停止这个方向的转发：中继不再读取，于是发送方的写入会填满缓冲区然后阻塞。期间到达的字节和 FIN 会等待，恢复后按顺序通过。</translation>
    </message>
    <message>
        <source>Jitter: up to this much more, at random, for each read</source>
        <translation>抖动：每次读取随机额外延迟，最多这么多</translation>
    </message>
    <message>
        <source>Write the stream again in pieces of this many bytes: the quickest way to find a program that takes one read for one message.</source>
        <translation>把字节流重新按这么多字节一片写出：这是找出“把一次读取当成一条消息”的程序的最快方法。</translation>
    </message>
    <message>
        <source>Hold bytes this long after the first, then write them together.</source>
        <translation>从第一个字节起保留这么久，然后一起写出。</translation>
    </message>
    <message>
        <source>After this many bytes this way the relay ends the pair.</source>
        <translation>这个方向通过这么多字节后，中继结束这一对连接。</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source> B/s</source>
        <translation> B/s</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <source> B</source>
        <translation> B</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>reset, not close</source>
        <translation>重置而非关闭</translation>
    </message>
    <message>
        <source>Reset each pair after</source>
        <translation>每对连接重置于</translation>
    </message>
    <message>
        <source>Delay the upstream connect</source>
        <translation>延迟上游连接</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Refuse new connections (reset them at once)</source>
        <translation>拒绝新连接（立即重置）</translation>
    </message>
</context>
<context>
    <name>TcpInspector::RelayPanel</name>
    <message>
        <source>&apos;%1&apos; is not a fault. Write them as on the command line, for example --latency 50 --slice s2c:1; the faults: --%2.</source>
        <translation>&apos;%1&apos; 不是故障。请像在命令行中那样书写，例如 --latency 50 --slice s2c:1；可用的故障：--%2。</translation>
    </message>
    <message>
        <source>No faults: bytes pass as they come.</source>
        <translation>无故障：字节按到达的样子转发。</translation>
    </message>
    <message>
        <source>Faults: %1</source>
        <translation>故障：%1</translation>
    </message>
    <message>
        <source>Say where to relay to: the server&apos;s host:port, for example 127.0.0.1:6379.</source>
        <translation>请指明中继的目标：服务器的 host:port，例如 127.0.0.1:6379。</translation>
    </message>
    <message>
        <source>Cannot listen on %1: %2</source>
        <translation>无法监听 %1：%2</translation>
    </message>
    <message>
        <source>Stopped: no new connections are relayed; open pairs go on.</source>
        <translation>已停止：不再中继新连接；已打开的连接对继续。</translation>
    </message>
    <message>
        <source>Relaying %1 to %2: point the client at %1.</source>
        <translation>正在把 %1 中继到 %2：让客户端连接 %1。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>监听</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Faults</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Where the relay listens: host:port; port 0 lets the system choose. Point the client here.</source>
        <translation>中继监听的地址：host:port；端口 0 由系统选择。让客户端连接这里。</translation>
    </message>
    <message>
        <source>The server each connection is passed on to: host:port.</source>
        <translation>每个连接被转交到的服务器：host:port。</translation>
    </message>
    <message>
        <source>none, or for example --latency 50 --slice s2c:1</source>
        <translation>无，或例如 --latency 50 --slice s2c:1</translation>
    </message>
    <message>
        <source>As options</source>
        <translation>命令行选项</translation>
    </message>
    <message>
        <source>Latency, bandwidth, slicing, coalescing, limits and pauses, per direction; they apply at once to the bytes that follow.</source>
        <translation>按方向设置延迟、带宽、切片、合并、上限和暂停；立即作用于之后的字节。</translation>
    </message>
    <message>
        <source>The faults above as tcpinspector-cli relay takes them; type here and Apply, or copy them into a script. c2s: or s2c: before a value acts on one direction:
--latency MS[:JITTER]  --bandwidth BYTES  --slice BYTES[:DELAY_MS]
--coalesce MS  --limit-data BYTES[:reset]  --reset-after MS  --connect-delay MS</source>
        <translation>上面的故障，写成 tcpinspector-cli relay 的选项；可在此输入后点击应用，或复制到脚本中。值前加 c2s: 或 s2c: 只作用于一个方向：
--latency MS[:JITTER]  --bandwidth BYTES  --slice BYTES[:DELAY_MS]
--coalesce MS  --limit-data BYTES[:reset]  --reset-after MS  --connect-delay MS</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>TLS to the relay&apos;s clients and to the server: certificates, verification, server name, ALPN.</source>
        <translation>中继对客户端和对服务器的 TLS：证书、验证、服务器名称、ALPN。</translation>
    </message>
    <message>
        <source>To clients:</source>
        <translation>对客户端：</translation>
    </message>
    <message>
        <source>To the server:</source>
        <translation>对服务器：</translation>
    </message>
    <message>
        <source>TLS to clients</source>
        <translation>对客户端使用 TLS</translation>
    </message>
    <message>
        <source>Speak TLS to each client (the relay ends their TLS), with the certificate and key under TLS, or else a generated localhost certificate; the legs show the plaintext</source>
        <translation>对每个客户端使用 TLS（客户端的 TLS 在中继处终止），使用 TLS 一节里的证书和私钥，否则使用生成的 localhost 证书；两侧显示的都是明文</translation>
    </message>
    <message>
        <source>TLS to the server</source>
        <translation>对服务器使用 TLS</translation>
    </message>
    <message>
        <source>Speak TLS to the target (an https server, say), with the verification, server name, ALPN and certificates under TLS; the legs show the plaintext</source>
        <translation>对目标（例如 https 服务器）使用 TLS，验证、服务器名称、ALPN 和证书在 TLS 一节里设置；两侧显示的都是明文</translation>
    </message>
    <message>
        <source>TLS &gt; To clients</source>
        <translation>TLS &gt; 对客户端</translation>
    </message>
    <message>
        <source>TLS &gt; To the server</source>
        <translation>TLS &gt; 对服务器</translation>
    </message>
</context>
<context>
    <name>TcpInspector::ReplayBar</name>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>not started: the whole session is shown</source>
        <translation>未开始：显示的是整个会话</translation>
    </message>
    <message>
        <source>chunk %1 of %2, %3</source>
        <translation>第 %1 块，共 %2 块，%3</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>回放</translation>
    </message>
    <message>
        <source>Replay %1</source>
        <translation>回放 %1</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <source>Start the replay again with nothing shown (Ctrl+F6)</source>
        <translation>从头重新回放，先清空显示（Ctrl+F6）</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <source>One chunk back (Shift+F6)</source>
        <translation>后退一块（Shift+F6）</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>The next chunk of any connection, with the events before it (F6)</source>
        <translation>任一连接的下一块，连同它之前的事件（F6）</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>全部显示</translation>
    </message>
    <message>
        <source>Reveal everything that is left (Ctrl+F7)</source>
        <translation>显示剩下的全部内容（Ctrl+F7）</translation>
    </message>
    <message>
        <source>Play the chunks in time, at the chosen speed, or pause (F7)</source>
        <translation>按录制时的时间、以所选速度播放各块，或暂停（F7）</translation>
    </message>
    <message>
        <source>Replay speed: 1x is the pace it was recorded at</source>
        <translation>回放速度：1x 即录制时的节奏</translation>
    </message>
    <message>
        <source>Chunks revealed; drag to go to one</source>
        <translation>已显示的块；拖动可跳到某一块</translation>
    </message>
</context>
<context>
    <name>TcpInspector::ReplyRulesDialog</name>
    <message>
        <source>Reply rules</source>
        <translation>回复规则</translation>
    </message>
    <message>
        <source>One rule per line; the first rule that matches a received message answers it. &lt;code&gt;[exact|prefix|contains|regex] &quot;PATTERN&quot; [reply &quot;DATA&quot;] [delay=100ms] [then=half-close|close|reset] [once]&lt;/code&gt;, or &lt;code&gt;default&lt;/code&gt; for what no rule matched. In a reply, {{0}} is the message, {{1}}... a regex&apos;s groups; {{counter}} and {{time}} work too.</source>
        <translation>每行一条规则；第一条匹配收到的消息的规则回答它。&lt;code&gt;[exact|prefix|contains|regex] &quot;PATTERN&quot; [reply &quot;DATA&quot;] [delay=100ms] [then=half-close|close|reset] [once]&lt;/code&gt;，或用 &lt;code&gt;default&lt;/code&gt; 回答没有规则匹配的消息。回复中 {{0}} 是整条消息，{{1}}... 是正则的分组；{{counter}} 和 {{time}} 也可以用。</translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation>打开(&amp;O)...</translation>
    </message>
    <message>
        <source>&amp;Save As...</source>
        <translation>另存为(&amp;S)...</translation>
    </message>
    <message>
        <source>An example: edit it, then Apply.</source>
        <translation>一个示例：修改后点“应用”。</translation>
    </message>
    <message>
        <source>line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation>第 %1 行，第 %2 列：%3</translation>
    </message>
    <message numerus="yes">
        <source>(and %n more)</source>
        <translation>
            <numerusform>（还有 %n 处）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s), ready.</source>
        <translation>
            <numerusform>%n 条规则，就绪。</numerusform>
        </translation>
    </message>
    <message>
        <source>Open reply rules</source>
        <translation>打开回复规则</translation>
    </message>
    <message>
        <source>Reply rules (*.rules);;All files (*)</source>
        <translation>回复规则 (*.rules);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Save reply rules</source>
        <translation>保存回复规则</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>TcpInspector::RequestLibrary</name>
    <message>
        <source>it is not valid JSON (%1 at byte %2)</source>
        <translation>它不是有效的 JSON（第 %2 字节处：%1）</translation>
    </message>
    <message>
        <source>it has no format version</source>
        <translation>它没有格式版本</translation>
    </message>
    <message>
        <source>it was written by a newer TCP Inspector (format %1; this one reads %2)</source>
        <translation>它由更新版本的 TCP Inspector 写入（格式 %1；本版本读取 %2）</translation>
    </message>
    <message>
        <source>%1 could not be read: %2. It was kept as %3; the library starts empty.</source>
        <translation>无法读取 %1：%2。原文件已保留为 %3；请求库从空开始。</translation>
    </message>
    <message>
        <source>%1 could not be read: %2. It could not be copied aside either, so nothing will be saved to it.</source>
        <translation>无法读取 %1：%2。也无法另存副本，因此不会向其保存任何内容。</translation>
    </message>
    <message>
        <source>The request library could not be saved to %1: %2</source>
        <translation>无法将请求库保存到 %1：%2</translation>
    </message>
</context>
<context>
    <name>TcpInspector::RequestLibraryPanel</name>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Requests saved under a name</source>
        <translation>以名称保存的请求</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>The last %1 sends, newest first</source>
        <translation>最近 %1 次发送，最新的在前</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Filter requests</source>
        <translation>筛选请求</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save what the composer holds under a name</source>
        <translation>以名称保存编辑器中的内容</translation>
    </message>
    <message>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <source>Load, rename, delete, save as scenario</source>
        <translation>载入、重命名、删除、另存为场景</translation>
    </message>
    <message>
        <source>Hide this message</source>
        <translation>隐藏此消息</translation>
    </message>
    <message>
        <source>Saved requests</source>
        <translation>已保存的请求</translation>
    </message>
    <message>
        <source>Send history</source>
        <translation>发送历史</translation>
    </message>
    <message>
        <source>Save request</source>
        <translation>保存请求</translation>
    </message>
    <message>
        <source>More library actions</source>
        <translation>更多请求库操作</translation>
    </message>
    <message>
        <source>Library message</source>
        <translation>请求库消息</translation>
    </message>
    <message>
        <source>Load into Composer</source>
        <translation>载入编辑器</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Save to Library…</source>
        <translation>保存到请求库…</translation>
    </message>
    <message>
        <source>Save as Scenario…</source>
        <translation>另存为场景…</translation>
    </message>
    <message>
        <source>Clear History</source>
        <translation>清除历史</translation>
    </message>
    <message>
        <source>No saved request matches the filter</source>
        <translation>没有与筛选条件匹配的已保存请求</translation>
    </message>
    <message>
        <source>Save the composer&apos;s content here with Save…</source>
        <translation>用“保存…”把编辑器的内容保存到这里</translation>
    </message>
    <message>
        <source>No send matches the filter</source>
        <translation>没有与筛选条件匹配的发送</translation>
    </message>
    <message>
        <source>Each send appears here</source>
        <translation>每次发送都会显示在这里</translation>
    </message>
    <message>
        <source>Save Request</source>
        <translation>保存请求</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Replace Request</source>
        <translation>替换请求</translation>
    </message>
    <message>
        <source>A request named “%1” is saved already. Replace it?</source>
        <translation>已保存名为“%1”的请求。要替换它吗？</translation>
    </message>
    <message>
        <source>Rename Request</source>
        <translation>重命名请求</translation>
    </message>
    <message>
        <source>Another request is named “%1”. Choose another name.</source>
        <translation>另一个请求已命名为“%1”。请换一个名称。</translation>
    </message>
    <message>
        <source>Delete the request “%1”?</source>
        <translation>删除请求“%1”？</translation>
    </message>
    <message>
        <source>Delete %1 requests?</source>
        <translation>删除 %1 个请求？</translation>
    </message>
    <message>
        <source>Delete Request</source>
        <translation>删除请求</translation>
    </message>
    <message>
        <source>Save to Library</source>
        <translation>保存到请求库</translation>
    </message>
    <message>
        <source>Saved as “%1”.</source>
        <translation>已保存为“%1”。</translation>
    </message>
    <message>
        <source>Save as Scenario</source>
        <translation>另存为场景</translation>
    </message>
    <message>
        <source>Scenarios (*.scn)</source>
        <translation>场景 (*.scn)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Wrote %1; run it with: tcpinspector-cli run %1</source>
        <translation>已写入 %1；运行方式：tcpinspector-cli run %1</translation>
    </message>
</context>
<context>
    <name>TcpInspector::RequestListModel</name>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>fragments of %1 B every %2 ms</source>
        <translation>每片 %1 B，间隔 %2 毫秒</translation>
    </message>
    <message>
        <source>%1× every %2 ms</source>
        <translation>%1×，每 %2 毫秒</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1（%2）：%3</translation>
    </message>
    <message>
        <source>Double-click or Enter loads it into the composer.</source>
        <translation>双击或按回车键将其载入编辑器。</translation>
    </message>
    <message>
        <source>Sent %1 to %2: %3</source>
        <translation>%1 发送到 %2：%3</translation>
    </message>
    <message>
        <source>then FIN</source>
        <translation>然后发送 FIN</translation>
    </message>
    <message>
        <source>First reply: %1</source>
        <translation>首个回复：%1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
</context>
<context>
    <name>TcpInspector::RequestRecorder</name>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>#%1 to %2</source>
        <translation>#%1 到 %2</translation>
    </message>
    <message>
        <source>#%1 from %2</source>
        <translation>#%1 来自 %2</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation>%1 及另外 %2 个</translation>
    </message>
</context>
<context>
    <name>TcpInspector::ScenarioEditor</name>
    <message>
        <source>untitled.scn</source>
        <translation>untitled.scn</translation>
    </message>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation>第 %1 行，第 %2 列：%3</translation>
    </message>
    <message>
        <source>No errors.</source>
        <translation>没有错误。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>%1 has changes that are not saved. Save them?</source>
        <translation>%1 有未保存的更改。要保存吗？</translation>
    </message>
    <message>
        <source>Open scenario</source>
        <translation>打开场景</translation>
    </message>
    <message>
        <source>Scenarios (*.scn);;All files (*)</source>
        <translation>场景 (*.scn);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Save scenario</source>
        <translation>保存场景</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
</context>
<context>
    <name>TcpInspector::ScenarioPane</name>
    <message>
        <source>%1 has errors: fix them before it runs.</source>
        <translation>%1 有错误：请先修正再运行。</translation>
    </message>
    <message>
        <source>Nothing to run: %1 has no steps.</source>
        <translation>没有可运行的内容：%1 没有步骤。</translation>
    </message>
    <message>
        <source>Line %1 failed: %2</source>
        <translation>第 %1 行失败：%2</translation>
    </message>
    <message>
        <source>Line %1 has not run.</source>
        <translation>第 %1 行尚未运行。</translation>
    </message>
    <message>
        <source>Line %1 %2 in %3 ms.</source>
        <translation>第 %1 行%2，用时 %3 毫秒。</translation>
    </message>
    <message>
        <source>Line %1 %2: %3</source>
        <translation>第 %1 行%2：%3</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Paused before line %1.</source>
        <translation>已暂停在第 %1 行之前。</translation>
    </message>
    <message>
        <source>Running.</source>
        <translation>正在运行。</translation>
    </message>
    <message>
        <source>Passed.</source>
        <translation>通过。</translation>
    </message>
    <message>
        <source>Failed.</source>
        <translation>失败。</translation>
    </message>
    <message>
        <source>%1 steps, not run yet.</source>
        <translation>%1 个步骤，尚未运行。</translation>
    </message>
    <message>
        <source>%1 of %2 steps passed, %3 failed, %4 skipped.</source>
        <translation>%2 个步骤中 %1 个通过，%3 个失败，%4 个跳过。</translation>
    </message>
    <message>
        <source>Editor: %1</source>
        <translation>编辑器：%1</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>The scenarios that ship with TCP Inspector</source>
        <translation>TCP Inspector 自带的场景</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation>打开(&amp;O)...</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As...</source>
        <translation>另存为(&amp;A)...</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Runs one step, then pauses</source>
        <translation>运行一个步骤，然后暂停</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>&amp;Open Scenario...</source>
        <translation>打开场景(&amp;O)...</translation>
    </message>
    <message>
        <source>&amp;Run Scenario</source>
        <translation>运行场景(&amp;R)</translation>
    </message>
    <message>
        <source>S&amp;tep</source>
        <translation>单步(&amp;T)</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>停止(&amp;O)</translation>
    </message>
</context>
<context>
    <name>TcpInspector::ScenarioStepModel</name>
    <message>
        <source>%1
Expected: %2
Received: %3</source>
        <translation>%1
期望：%2
收到：%3</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 Expected %2, received %3.</source>
        <translation>%1 期望 %2，收到 %3。</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Step</source>
        <comment>the column of the step as written</comment>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>TcpInspector::ScenarioVariablesDialog</name>
    <message>
        <source>Variables of %1</source>
        <translation>%1 的变量</translation>
    </message>
    <message>
        <source>This scenario needs values for its variables, as --var NAME=VALUE gives them on the command line.</source>
        <translation>此场景需要为其变量提供值，与命令行中 --var NAME=VALUE 所给的相同。</translation>
    </message>
    <message>
        <source>HOST:PORT</source>
        <translation>主机:端口</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
</context>
<context>
    <name>TcpInspector::SendComposer</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Drop to send %1</source>
        <translation>松开以发送 %1</translation>
    </message>
    <message>
        <source>No file at %1. Check the path, or pick one with the Browse button.</source>
        <translation>%1 处没有文件。请检查路径，或用“浏览”按钮选择。</translation>
    </message>
    <message>
        <source>%1 is a folder; choose a file in it.</source>
        <translation>%1 是文件夹；请选择其中的文件。</translation>
    </message>
    <message>
        <source>%1 is not a regular file (a device, pipe or socket).</source>
        <translation>%1 不是普通文件（而是设备、管道或套接字）。</translation>
    </message>
    <message>
        <source>%1 cannot be read: permission denied.</source>
        <translation>无法读取 %1：权限不足。</translation>
    </message>
    <message>
        <source>Choose a File to Send</source>
        <translation>选择要发送的文件</translation>
    </message>
    <message>
        <source>Choose a file with Browse…, or drop one anywhere here.</source>
        <translation>用“浏览…”选择文件，或把文件拖放到这里任意位置。</translation>
    </message>
    <message>
        <source>%1: %2, read from disk as it is sent.</source>
        <translation>%1：%2，发送时从磁盘读取。</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <source>Nothing to send until fixed</source>
        <translation>修正之前无法发送</translation>
    </message>
    <message>
        <source>1 byte</source>
        <translation>1 字节</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>Sending is not possible now.</source>
        <translation>现在无法发送。</translation>
    </message>
    <message>
        <source>Choose a file to send first.</source>
        <translation>请先选择要发送的文件。</translation>
    </message>
    <message>
        <source>Send the bytes (%1)</source>
        <translation>发送这些字节（%1）</translation>
    </message>
    <message>
        <source>Nothing to send; Send + FIN still half-closes.</source>
        <translation>没有要发送的内容；“发送 + FIN”仍会半关闭。</translation>
    </message>
    <message>
        <source>Send the bytes, then half-close: FIN, still reading (%1)</source>
        <translation>发送这些字节，然后半关闭：发送 FIN，仍可读取（%1）</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>请求库</translation>
    </message>
    <message>
        <source>Request library</source>
        <translation>请求库</translation>
    </message>
    <message>
        <source>Show or hide the request library: saved requests, the history of sends, Save as scenario</source>
        <translation>显示或隐藏请求库：已保存的请求、发送历史、另存为场景</translation>
    </message>
</context>
<context>
    <name>TcpInspector::SendJob</name>
    <message>
        <source>Cannot read %1: %2. Choose a readable file.</source>
        <translation>无法读取 %1：%2。请选择可读的文件。</translation>
    </message>
</context>
<context>
    <name>TcpInspector::ServerEndpoint</name>
    <message>
        <source>Listening on %1 (backlog %2, SO_REUSEADDR %3).</source>
        <translation>正在监听 %1（backlog %2，SO_REUSEADDR %3）。</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>A server listens on an IP address of this machine, such as 127.0.0.1, ::1 or 0.0.0.0 (all interfaces), not on a name.</source>
        <translation>服务器监听的是本机的 IP 地址，如 127.0.0.1、::1 或 0.0.0.0（所有网卡），而不是主机名。</translation>
    </message>
    <message>
        <source>Stopped listening on %1; the port is free again. Open connections go on.</source>
        <translation>已停止监听 %1；端口已释放。已打开的连接不受影响。</translation>
    </message>
    <message>
        <source>Accepting paused: new clients complete the handshake in the kernel and wait in the backlog until it is full.</source>
        <translation>accept 已暂停：新客户端在内核中完成三次握手，并在 backlog 队列中等待，直到队列排满。</translation>
    </message>
    <message>
        <source>Accepting resumed.</source>
        <translation>accept 已恢复。</translation>
    </message>
    <message>
        <source>%1: %2 Accepting again in %3 ms; the server keeps running.</source>
        <translation>%1：%2 %3 ms 后重新 accept；服务器继续运行。</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) of replies were still due and were not sent: the connection ended first.</source>
        <translation>
            <numerusform>还有 %n 字节的回复未发送：连接先结束了。</numerusform>
        </translation>
    </message>
    <message>
        <source>Message #%1 matched the reply rule on line %2.</source>
        <translation>消息 #%1 匹配了第 %2 行的回复规则。</translation>
    </message>
    <message>
        <source>No reply: %1</source>
        <translation>没有回复：%1</translation>
    </message>
    <message>
        <source>No host: listening on every interface, as Go&apos;s net.Listen(&quot;tcp&quot;, &quot;:%1&quot;) does. Other machines can connect; write 127.0.0.1:%1 for this machine only.</source>
        <translation>没有主机：在所有网络接口上监听，与 Go 的 net.Listen(&quot;tcp&quot;, &quot;:%1&quot;) 相同。其他机器可以连接；只允许本机时请写 127.0.0.1:%1。</translation>
    </message>
    <message>
        <source>Accept once: the server accepts one connection and no more. Later clients complete the handshake in the kernel and wait in the backlog, never served.</source>
        <translation>只 Accept 一次：服务器只接受一个连接，不再接受更多。之后的客户端在内核中完成握手，在 backlog 中等待，永远得不到服务。</translation>
    </message>
    <message>
        <source>One at a time: the next connection is accepted only after the current one has closed; the others wait in the backlog.</source>
        <translation>一次一个：当前连接关闭后才接受下一个连接；其他连接在 backlog 中等待。</translation>
    </message>
    <message>
        <source>Accept once: this is the only connection this server accepts; later clients wait in the backlog.</source>
        <translation>只 Accept 一次：这是该服务器接受的唯一连接；之后的客户端在 backlog 中等待。</translation>
    </message>
    <message>
        <source>One at a time: the next client waits in the backlog until this connection has closed.</source>
        <translation>一次一个：下一个客户端在 backlog 中等待，直到这个连接关闭。</translation>
    </message>
</context>
<context>
    <name>TcpInspector::ServerPanel</name>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Echo each read</source>
        <translation>回显每次读取</translation>
    </message>
    <message>
        <source>Echo each message</source>
        <translation>回显每条消息</translation>
    </message>
    <message>
        <source>Fixed text</source>
        <translation>固定文本</translation>
    </message>
    <message>
        <source>Fixed hex</source>
        <translation>固定 hex</translation>
    </message>
    <message>
        <source>Qt (QTcpSocket)</source>
        <translation>Qt (QTcpSocket)</translation>
    </message>
    <message>
        <source>Native (descriptor)</source>
        <translation>Native (文件描述符)</translation>
    </message>
    <message>
        <source>Qt closes the socket when it reads EOF; the native engine can stay half-open and tells FIN, RST and broken pipe apart</source>
        <translation>Qt 读到 EOF 时会关闭套接字；native 引擎可以保持半关闭，并能区分 FIN、RST 和 broken pipe</translation>
    </message>
    <message>
        <source>Cannot listen on %1: %2</source>
        <translation>无法监听 %1：%2</translation>
    </message>
    <message>
        <source>hex bytes, e.g. 2b 4f 4b 0d 0a</source>
        <translation>hex 字节，如 2b 4f 4b 0d 0a</translation>
    </message>
    <message>
        <source>text, C escapes: OK\r\n</source>
        <translation>文本，可用 C 转义：OK\r\n</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>监听</translation>
    </message>
    <message>
        <source>Edit rules...</source>
        <translation>编辑规则...</translation>
    </message>
    <message>
        <source>Which message gets which reply: the first rule that matches</source>
        <translation>哪条消息得到哪个回复：由第一条匹配的规则决定</translation>
    </message>
    <message>
        <source>By rules</source>
        <translation>按规则</translation>
    </message>
    <message>
        <source>rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>The reply rules have an error: %1</source>
        <translation>回复规则有错误：%1</translation>
    </message>
    <message>
        <source>Reply rules applied.</source>
        <translation>回复规则已应用。</translation>
    </message>
</context>
<context>
    <name>TcpInspector::SessionFiles</name>
    <message>
        <source>&amp;Save Session</source>
        <translation>保存会话(&amp;S)</translation>
    </message>
    <message>
        <source>Save Session &amp;As...</source>
        <translation>会话另存为(&amp;A)...</translation>
    </message>
    <message>
        <source>&amp;Open Session...</source>
        <translation>打开会话(&amp;O)...</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Packets for &amp;Wireshark (pcapng)...</source>
        <translation>供 &amp;Wireshark 使用的数据包 (pcapng)...</translation>
    </message>
    <message>
        <source>Messages as &amp;CSV...</source>
        <translation>消息导出为 &amp;CSV...</translation>
    </message>
    <message>
        <source>Messages as &amp;JSON lines...</source>
        <translation>消息导出为 &amp;JSON 行...</translation>
    </message>
    <message>
        <source>&amp;Received bytes (raw)...</source>
        <translation>接收的字节(原始)(&amp;R)...</translation>
    </message>
    <message>
        <source>&amp;Sent bytes (raw)...</source>
        <translation>发送的字节(原始)(&amp;S)...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Saving %1...</source>
        <translation>正在保存 %1...</translation>
    </message>
    <message>
        <source>Opening %1...</source>
        <translation>正在打开 %1...</translation>
    </message>
    <message>
        <source>There is no connection to export.</source>
        <translation>没有可导出的连接。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Exporting %1...</source>
        <translation>正在导出 %1...</translation>
    </message>
    <message>
        <source>TCP Inspector sessions (*.tcpsession);;All files (*)</source>
        <translation>TCP Inspector 会话 (*.tcpsession);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Save Session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>Open Session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>pcapng captures (*.pcapng)</source>
        <translation>pcapng 抓包文件 (*.pcapng)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl)</source>
        <translation>JSON 行 (*.jsonl)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Cannot open %1</source>
        <translation>无法打开 %1</translation>
    </message>
    <message>
        <source>Put the TLS keys in the capture?</source>
        <translation>要把 TLS 密钥写入抓包文件吗？</translation>
    </message>
    <message>
        <source>With the keys, Wireshark shows the decrypted data of the TLS connections. Anyone who gets the file can read it too, passwords and cookies included.</source>
        <translation>有了密钥，Wireshark 会显示 TLS 连接解密后的数据。任何拿到该文件的人也都能读到这些数据，包括密码和 Cookie。</translation>
    </message>
    <message>
        <source>With Keys</source>
        <translation>包含密钥</translation>
    </message>
    <message>
        <source>Without Keys</source>
        <translation>不含密钥</translation>
    </message>
</context>
<context>
    <name>TcpInspector::StepStatusStyle</name>
    <message>
        <source>pending</source>
        <translation>待运行</translation>
    </message>
    <message>
        <source>next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>跳过</translation>
    </message>
</context>
<context>
    <name>TcpInspector::TimelineKernelStrip</name>
    <message>
        <source>%1 %2 s</source>
        <extracomment>TIME_WAIT on the kernel strip and the seconds until the kernel forgets it: &quot;TIME_WAIT 59 s&quot;</extracomment>
        <translation>%1 %2 秒</translation>
    </message>
</context>
<context>
    <name>TcpInspector::TimelineMarks</name>
    <message>
        <source>%1, %2</source>
        <extracomment>Two marks at the same place on a lane: &quot;SYN, connected&quot;</extracomment>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1 +%2</source>
        <extracomment>A mark&apos;s tag and how many more share its place: &quot;RST, EPIPE +2&quot;</extracomment>
        <translation>%1 +%2</translation>
    </message>
</context>
<context>
    <name>TcpInspector::TimelinePainter</name>
    <message>
        <source>No connections yet. Each connection gets a lane here as soon as it starts.</source>
        <translation>还没有连接。每个连接一开始就会在这里占一条泳道。</translation>
    </message>
    <message>
        <source>0 = first event</source>
        <translation>0 = 第一个事件</translation>
    </message>
    <message>
        <source>max %1</source>
        <extracomment>The top of a lane&apos;s throughput graph: &quot;max 12.3 MiB/s&quot;</extracomment>
        <translation>最大 %1</translation>
    </message>
    <message>
        <source>bytes/s</source>
        <translation>字节/s</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <extracomment>A lane&apos;s label: the port that tells the connection apart, then the engine</extracomment>
        <translation>%1  %2</translation>
    </message>
    <message>
        <source>kernel</source>
        <translation>内核</translation>
    </message>
    <message>
        <source>relay %1  %2</source>
        <extracomment>A relay leg&apos;s label: its pair, then the port and engine</extracomment>
        <translation>中继 %1  %2</translation>
    </message>
</context>
<context>
    <name>TcpInspector::TimelinePane</name>
    <message>
        <source>As PNG image…</source>
        <translation>导出为 PNG 图片…</translation>
    </message>
    <message>
        <source>As SVG drawing…</source>
        <translation>导出为 SVG 矢量图…</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Export the timeline</source>
        <translation>导出时间线</translation>
    </message>
    <message>
        <source>Saved the timeline to %1.</source>
        <translation>时间线已保存到 %1。</translation>
    </message>
    <message>
        <source>Could not write %1: check that the folder exists and is writable.</source>
        <translation>无法写入 %1：请检查文件夹是否存在且可写。</translation>
    </message>
</context>
<context>
    <name>TcpInspector::TimelineToolTips</name>
    <message>
        <source>%1 engine, local %2, peer %3</source>
        <translation>%1 引擎，本端 %2，对端 %3</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>From %1 for %2</source>
        <translation>从 %1 起，持续 %2</translation>
    </message>
    <message numerus="yes">
        <source>Received %1 in %n read(s)</source>
        <translation>
            <numerusform>%n 次 read 共接收 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent %1 in %n write(s)</source>
        <translation>
            <numerusform>%n 次 write 共发送 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; at %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 于 %2</translation>
    </message>
    <message>
        <source>(%1 after the connection began)</source>
        <translation>（连接开始后 %1）</translation>
    </message>
    <message>
        <source>errno %1 (%2)</source>
        <translation>errno %1 (%2)</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <translation>还有 %1 个</translation>
    </message>
    <message>
        <source>at %1, %2</source>
        <translation>于 %1，%2</translation>
    </message>
    <message>
        <source>from %1 to %2 (%3), %4</source>
        <translation>从 %1 到 %2（%3），%4</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Received&lt;/b&gt; %1 in %n read(s)</source>
        <translation>
            <numerusform>&lt;b&gt;接收&lt;/b&gt;：%n 次 read 共 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Sent&lt;/b&gt; %1 in %n write(s)</source>
        <translation>
            <numerusform>&lt;b&gt;发送&lt;/b&gt;：%n 次 write 共 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>from %1 to %2</source>
        <translation>从 %1 到 %2</translation>
    </message>
    <message>
        <source>Nearest read: chunk %1 at %2, %3 at offset %4</source>
        <translation>最近的读取：数据块 %1，时间 %2，%3，偏移 %4</translation>
    </message>
    <message>
        <source>Nearest write: chunk %1 at %2, %3 at offset %4</source>
        <translation>最近的写入：数据块 %1，时间 %2，%3，偏移 %4</translation>
    </message>
    <message>
        <source>Click to select it.</source>
        <translation>单击以选中。</translation>
    </message>
    <message>
        <source>No kernel samples: the kernel&apos;s TCP state is sampled on Linux while a connection is open.</source>
        <translation>没有内核采样：只在 Linux 上、连接打开期间采样内核的 TCP 状态。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Kernel: %1&lt;/b&gt; from %2 to %3 (%4)</source>
        <translation>&lt;b&gt;内核：%1&lt;/b&gt; 从 %2 到 %3（%4）</translation>
    </message>
    <message>
        <source>RTT %1 µs (± %2)</source>
        <translation>RTT %1 µs (± %2)</translation>
    </message>
    <message>
        <source>RTT %1 µs</source>
        <translation>RTT %1 µs</translation>
    </message>
    <message>
        <source>send queue %1</source>
        <translation>发送队列 %1</translation>
    </message>
    <message>
        <source>receive queue %1</source>
        <translation>接收队列 %1</translation>
    </message>
    <message>
        <source>cwnd %1 segments</source>
        <translation>cwnd %1 个报文段</translation>
    </message>
    <message>
        <source>%1 unacknowledged</source>
        <translation>%1 个未确认</translation>
    </message>
    <message>
        <source>%1 retransmits</source>
        <translation>%1 次重传</translation>
    </message>
    <message>
        <source>forgotten %1 ms after this sample</source>
        <translation>此次采样后 %1 ms 释放</translation>
    </message>
    <message>
        <source>Sample at %1: %2</source>
        <translation>采样于 %1：%2</translation>
    </message>
    <message>
        <source>From %1 to %2: received %3, sent %4</source>
        <translation>从 %1 到 %2：接收 %3，发送 %4</translation>
    </message>
    <message>
        <source>%1 written never reached the peer</source>
        <translation>已写入的 %1 没有到达对端</translation>
    </message>
    <message>
        <source>The kernel forgets it at %1, %2 from now.</source>
        <translation>内核将在 %1 忘记它，距现在还有 %2。</translation>
    </message>
    <message>
        <source>The kernel forgot it at %1.</source>
        <translation>内核已在 %1 忘记它。</translation>
    </message>
    <message>
        <source>Until then the port pair stays busy: a server restarted on the same port meanwhile fails with EADDRINUSE unless it sets SO_REUSEADDR.</source>
        <translation>在此之前该端口对一直被占用：期间在同一端口上重启的服务器会以 EADDRINUSE 失败，除非它设置了 SO_REUSEADDR。</translation>
    </message>
    <message>
        <source>%1 timeouts in a row</source>
        <translation>连续超时 %1 次</translation>
    </message>
    <message>
        <source>%1 probes unanswered</source>
        <translation>%1 个探测未获应答</translation>
    </message>
    <message>
        <source>backoff %1</source>
        <translation>退避 %1</translation>
    </message>
    <message>
        <source>No kernel timer pending.</source>
        <translation>内核没有待触发的计时器。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: fires %2 ms after this sample.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：在此次采样后 %2 毫秒触发。</translation>
    </message>
</context>
<context>
    <name>TcpInspector::TimelineView</name>
    <message>
        <source>received (ticks above)</source>
        <translation>接收（刻度在上）</translation>
    </message>
    <message>
        <source>sent (ticks below)</source>
        <translation>发送（刻度在下）</translation>
    </message>
    <message>
        <source>kernel TCP state</source>
        <translation>内核 TCP 状态</translation>
    </message>
    <message>
        <source>TCP Inspector timeline</source>
        <translation>TCP Inspector 时间线</translation>
    </message>
    <message>
        <source>Connections over time: states, FIN, EOF, resets, timeouts, reads, writes and the kernel&apos;s TCP state.</source>
        <translation>连接随时间的变化：状态、FIN、EOF、重置、超时、读、写，以及内核的 TCP 状态。</translation>
    </message>
</context>
<context>
    <name>TcpInspector::TlsMarkText</name>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>expires within a day</source>
        <translation>一天之内过期</translation>
    </message>
    <message numerus="yes">
        <source>expires in %n day(s)</source>
        <translation>
            <numerusform>%n 天后过期</numerusform>
        </translation>
    </message>
    <message>
        <source>Protocol &lt;b&gt;%1&lt;/b&gt;, cipher &lt;b&gt;%2&lt;/b&gt;, ALPN &lt;b&gt;%3&lt;/b&gt;</source>
        <translation>协议 &lt;b&gt;%1&lt;/b&gt;，密码套件 &lt;b&gt;%2&lt;/b&gt;，ALPN &lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Server name (SNI): %1</source>
        <translation>服务器名（SNI）：%1</translation>
    </message>
    <message>
        <source>The peer sent no certificate.</source>
        <translation>对端没有发送证书。</translation>
    </message>
    <message>
        <source>Peer certificate %1, issued by %2</source>
        <translation>对端证书 %1，签发者 %2</translation>
    </message>
    <message>
        <source>Certificate chain:</source>
        <translation>证书链：</translation>
    </message>
    <message>
        <source>Verified: the chain leads to a trusted CA and names the server.</source>
        <translation>已验证：证书链通向受信任的 CA，并且包含该服务器的名称。</translation>
    </message>
    <message>
        <source>Not verified: the check was off; it would have failed with %1.</source>
        <translation>未验证：检查已关闭；否则会以 %1 失败。</translation>
    </message>
    <message>
        <source>Not verified: the certificate was not checked.</source>
        <translation>未验证：没有检查证书。</translation>
    </message>
    <message>
        <source>Fatal alert %1: the connection ends here.</source>
        <translation>致命警报 %1：连接到此结束。</translation>
    </message>
    <message>
        <source>Alert %1, level %2</source>
        <translation>警报 %1，级别 %2</translation>
    </message>
</context>
<context>
    <name>TcpInspector::TlsOptionFields</name>
    <message>
        <source>Choose a PEM file</source>
        <translation>选择 PEM 文件</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.cer *.key);;All files (*)</source>
        <translation>PEM 文件 (*.pem *.crt *.cer *.key);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Use TLS</source>
        <translation>使用 TLS</translation>
    </message>
    <message>
        <source>Speak TLS (OpenSSL over the native engine): the views show the plaintext, the timeline the handshake and alerts; verification, server name, ALPN and certificates are under Advanced</source>
        <translation>使用 TLS（在原生引擎上运行 OpenSSL）：视图显示明文，时间线显示握手和告警；验证、服务器名称、ALPN 和证书在“高级”中</translation>
    </message>
    <message>
        <source>Speak TLS to each client (OpenSSL over the native engine), with the certificate and key under Advanced, or else a generated localhost certificate</source>
        <translation>对每个客户端使用 TLS（在原生引擎上运行 OpenSSL），使用“高级”中的证书和密钥，否则使用生成的 localhost 证书</translation>
    </message>
    <message>
        <source>Verify the certificate</source>
        <translation>验证证书</translation>
    </message>
    <message>
        <source>Refuse a server certificate that fails verification (its chain or its name); off, the timeline still says why it would fail</source>
        <translation>拒绝未通过验证（证书链或名称）的服务器证书；关闭时，时间线仍会说明它为何会失败</translation>
    </message>
    <message>
        <source>Server name</source>
        <translation>服务器名称</translation>
    </message>
    <message>
        <source>TLS server name (SNI) to send and to check the certificate against</source>
        <translation>要发送并用于核对证书的 TLS 服务器名称（SNI）</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA 文件</translation>
    </message>
    <message>
        <source>Trust the CA certificates (PEM) in this file besides the system&apos;s</source>
        <translation>除系统的 CA 外，还信任此文件中的 CA 证书（PEM）</translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation>客户端证书</translation>
    </message>
    <message>
        <source>TLS client certificate (PEM), with its key</source>
        <translation>TLS 客户端证书（PEM），需配合其密钥</translation>
    </message>
    <message>
        <source>TLS application protocols to offer, comma-separated</source>
        <translation>要提供的 TLS 应用层协议，以逗号分隔</translation>
    </message>
    <message>
        <source>TLS without a certificate file: a generated localhost certificate, for local testing only.</source>
        <translation>TLS 未指定证书文件：使用生成的 localhost 证书，仅供本地测试。</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>TLS server certificate (PEM, the chain after it), with its key; empty: a generated localhost certificate</source>
        <translation>TLS 服务器证书（PEM，证书链在其后），需配合其密钥；留空：使用生成的 localhost 证书</translation>
    </message>
    <message>
        <source>TLS application protocols to accept, in order of preference, comma-separated</source>
        <translation>要接受的 TLS 应用层协议，按优先顺序，以逗号分隔</translation>
    </message>
    <message>
        <source>ALPN</source>
        <translation>ALPN</translation>
    </message>
    <message>
        <source>e.g. h2,http/1.1</source>
        <translation>例如 h2,http/1.1</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Private key (PEM) of the certificate</source>
        <translation>证书的私钥（PEM）</translation>
    </message>
    <message>
        <source>the host</source>
        <translation>所连接的主机</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <source>the CA file under %1</source>
        <translation>%1 下的 CA 文件</translation>
    </message>
    <message>
        <source>&quot;%1&quot; unticked</source>
        <translation>取消勾选&quot;%1&quot;</translation>
    </message>
    <message>
        <source>the server name %1 under %2</source>
        <translation>%2 下的服务器名称 %1</translation>
    </message>
    <message>
        <source>a client certificate and key under %1</source>
        <translation>%1 下的客户端证书和私钥</translation>
    </message>
    <message>
        <source>the ALPN list under %1</source>
        <translation>%1 下的 ALPN 列表</translation>
    </message>
    <message>
        <source>with &quot;%1&quot; unticked</source>
        <translation>取消勾选&quot;%1&quot;后</translation>
    </message>
    <message>
        <source>TLS: the certificate and the key go together; give both, or neither for a generated localhost certificate.</source>
        <translation>TLS：证书和密钥须一起提供；两者都给出，或都不给以使用生成的 localhost 证书。</translation>
    </message>
    <message>
        <source>TLS: the client certificate and its key go together; give both, or neither.</source>
        <translation>TLS：客户端证书和它的私钥必须一起给出；要么都给，要么都不给。</translation>
    </message>
    <message>
        <source>TLS: %1 Choose a certificate and a key under %2.</source>
        <translation>TLS：%1 请在&quot;%2&quot;下选择证书和私钥。</translation>
    </message>
    <message>
        <source>Self-signed, for localhost, 127.0.0.1 and ::1: %1</source>
        <translation>自签名，用于 localhost、127.0.0.1 和 ::1：%1</translation>
    </message>
</context>
<context>
    <name>TcpInspector::Workbench</name>
    <message>
        <source>Read once: no byte was waiting; a blocking read would wait here.</source>
        <translation>读取一次：没有等待读取的字节；阻塞式读取会在这里等待。</translation>
    </message>
</context>
<context>
    <name>TimelinePane</name>
    <message>
        <source>&lt;b&gt;Timeline&lt;/b&gt; (both ends of each connection, over time)</source>
        <translation>&lt;b&gt;时间线&lt;/b&gt;（每个连接的两端，随时间展开）</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Zoom to show every connection from start to now</source>
        <translation>缩放以显示从开始到现在的所有连接</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Follow live</source>
        <translation>跟随实时</translation>
    </message>
    <message>
        <source>Keep the right edge at now while connections run</source>
        <translation>连接运行时让右边缘保持在当前时刻</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Save the visible timeline as PNG or SVG, for slides</source>
        <translation>将可见的时间线保存为 PNG 或 SVG，用于幻灯片</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>No lesson &apos;%1&apos;. The lessons: %2</source>
        <translation>没有课程“%1”。可用的课程：%2</translation>
    </message>
    <message>
        <source>Watch what TCP does, byte by byte.</source>
        <translation>逐字节观察 TCP 的行为。</translation>
    </message>
    <message>
        <source>Opens the window on the lesson ID (as in tcpinspector-cli lesson --list).</source>
        <translation>打开窗口并进入课程 ID（ID 见 tcpinspector-cli lesson --list）。</translation>
    </message>
    <message>
        <source>Opens the session FILE (File &gt; Open Session).</source>
        <translation>打开会话文件 FILE（文件 &gt; 打开会话）。</translation>
    </message>
    <message>
        <source>A session file to open, as with --open.</source>
        <translation>要打开的会话文件，与 --open 相同。</translation>
    </message>
    <message>
        <source>The server panel listens on ADDR (host:port, :port or [v6]:port) instead of 127.0.0.1:0.</source>
        <translation>服务器面板在 ADDR（host:port、:port 或 [v6]:port）上监听，而不是 127.0.0.1:0。</translation>
    </message>
    <message>
        <source>The client panel connects to ADDR (host:port).</source>
        <translation>客户端面板连接到 ADDR（host:port）。</translation>
    </message>
    <message>
        <source>Both directions of every new connection are decoded with SPEC (tcpinspector-cli framings).</source>
        <translation>每个新连接的两个方向都用 SPEC 解码（见 tcpinspector-cli framings）。</translation>
    </message>
    <message>
        <source>The Relay panel passes connections on to TARGET (host:port), showing both legs.</source>
        <translation>中继面板把连接转发到 TARGET（host:port），并显示两侧。</translation>
    </message>
    <message>
        <source>Where the relay listens (with --relay) instead of 127.0.0.1:0; point the client here.</source>
        <translation>中继的监听地址（与 --relay 一起使用），代替 127.0.0.1:0；让客户端连接这里。</translation>
    </message>
</context>
</TS>
