<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AntomKey</name>
    <message>
        <source>The RSA key has only %1 bits; at least %2 are needed.</source>
        <translation>该 RSA 密钥只有 %1 位，至少需要 %2 位。</translation>
    </message>
</context>
<context>
    <name>AppSession</name>
    <message>
        <source>The built-in sandbox could not start: %1</source>
        <translation>内置沙箱无法启动：%1</translation>
    </message>
</context>
<context>
    <name>CancelCheck</name>
    <message>
        <source>The outcome of the earlier cancel (attempt %1) is unknown. Cancelling again retries that same attempt with the same key and reason; no second cancel is made.</source>
        <translation>之前的取消（尝试 %1）结果未知。再次取消将以相同的幂等键和原因重试这同一次尝试，不会发起第二次取消。</translation>
    </message>
    <message>
        <source>A cancel of this payment is in progress (attempt %1). Do not cancel it again.</source>
        <translation>此支付的取消正在进行中（尝试 %1）。请勿再次取消。</translation>
    </message>
    <message>
        <source>%1 is not configured in this environment, so nothing can be sent to it. Add its credentials in Settings.</source>
        <translation>当前环境未配置 %1，因此无法向其发送任何请求。请在设置中添加其凭据。</translation>
    </message>
    <message>
        <source>%2 asked to cancel this payment; the cancel awaits a second person&apos;s approval (attempt %1). Do not cancel it again.</source>
        <translation>%2 已申请取消此支付，该取消正在等待另一人审批（尝试 %1）。请勿再次取消。</translation>
    </message>
    <message>
        <source>A cancel of this payment by %2 is in progress (attempt %1). Do not cancel it again.</source>
        <translation>%2 对此支付的取消正在进行中（尝试 %1）。请勿再次取消。</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Providers</name>
    <message>
        <source>The provider address is not secure (https is required).</source>
        <translation>服务商地址不安全（必须使用 https）。</translation>
    </message>
    <message>
        <source>The provider did not answer in time.</source>
        <translation>服务商未在规定时间内应答。</translation>
    </message>
    <message>
        <source>The provider refused the connection.</source>
        <translation>服务商拒绝了连接。</translation>
    </message>
    <message>
        <source>The provider&apos;s server name could not be found.</source>
        <translation>找不到服务商的服务器名称。</translation>
    </message>
    <message>
        <source>The secure connection to the provider could not be established.</source>
        <translation>无法与服务商建立安全连接。</translation>
    </message>
    <message>
        <source>A network error interrupted the request.</source>
        <translation>网络错误中断了请求。</translation>
    </message>
    <message>
        <source>The provider redirected the request elsewhere; it was not followed.</source>
        <translation>服务商将请求重定向到别处，未予跟随。</translation>
    </message>
    <message>
        <source>The provider&apos;s answer was too large.</source>
        <translation>服务商的应答过大。</translation>
    </message>
    <message>
        <source>The request was stopped.</source>
        <translation>请求已停止。</translation>
    </message>
    <message>
        <source>The sandbox&apos;s first line is not a JSON object.</source>
        <translation>沙箱输出的第一行不是 JSON 对象。</translation>
    </message>
    <message>
        <source>The sandbox&apos;s merchant private key file cannot be read.</source>
        <translation>无法读取沙箱的商户私钥文件。</translation>
    </message>
    <message>
        <source>The sandbox&apos;s Antom public key file cannot be read.</source>
        <translation>无法读取沙箱的 Antom 公钥文件。</translation>
    </message>
    <message>
        <source>The sandbox announced an address that is not on this computer.</source>
        <translation>沙箱公布的地址不在本机上。</translation>
    </message>
    <message>
        <source>The sandbox&apos;s announcement lacks a client ID.</source>
        <translation>沙箱公布的信息缺少客户端 ID。</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Providers::Antom::AntomProvider</name>
    <message>
        <source>No Antom client ID is configured.</source>
        <translation>未配置 Antom 客户端 ID。</translation>
    </message>
    <message>
        <source>The Antom client ID contains characters that are not allowed.</source>
        <translation>Antom 客户端 ID 含有不允许的字符。</translation>
    </message>
    <message>
        <source>The Antom base URL is not a valid web address.</source>
        <translation>Antom 基础 URL 不是有效的网址。</translation>
    </message>
    <message>
        <source>The Antom base URL must be the host only, e.g. https://open-sea-global.alipay.com.</source>
        <translation>Antom 基础 URL 只能包含主机，例如 https://open-sea-global.alipay.com。</translation>
    </message>
    <message>
        <source>The Antom base URL must use https; plain http is allowed only to this computer.</source>
        <translation>Antom 基础 URL 必须使用 https；仅访问本机时允许使用 http。</translation>
    </message>
    <message>
        <source>The Antom key version must be 1 or higher.</source>
        <translation>Antom 密钥版本必须大于或等于 1。</translation>
    </message>
    <message>
        <source>Merchant private key: %1</source>
        <translation>商户私钥：%1</translation>
    </message>
    <message>
        <source>Antom public key: %1</source>
        <translation>Antom 公钥：%1</translation>
    </message>
    <message>
        <source>The Antom payment ID is empty or longer than 64 characters.</source>
        <translation>Antom 支付 ID 为空或超过 64 个字符。</translation>
    </message>
    <message>
        <source>The request could not be signed with the merchant private key.</source>
        <translation>无法用商户私钥为请求签名。</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Providers::Liquido::LiquidoProvider</name>
    <message>
        <source>The Liquido API address must be an https:// URL (http:// only on this computer).</source>
        <translation>Liquido API 地址必须是 https:// 网址（仅本机可用 http://）。</translation>
    </message>
    <message>
        <source>The Liquido token address must be an https:// URL (http:// only on this computer).</source>
        <translation>Liquido 令牌地址必须是 https:// 网址（仅本机可用 http://）。</translation>
    </message>
    <message>
        <source>The Liquido client ID or client secret is missing.</source>
        <translation>缺少 Liquido 客户端 ID 或客户端密钥。</translation>
    </message>
    <message>
        <source>The Liquido API key is missing or contains line breaks.</source>
        <translation>Liquido API 密钥缺失或含有换行符。</translation>
    </message>
    <message>
        <source>The payment ID is empty.</source>
        <translation>支付 ID 为空。</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::AboutDialog</name>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>PostgreSQL client (libpq)</source>
        <translation>PostgreSQL 客户端库（libpq）</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>存储</translation>
    </message>
    <message>
        <source>(none open)</source>
        <translation>（未打开）</translation>
    </message>
    <message>
        <source>Settings file</source>
        <translation>配置文件</translation>
    </message>
    <message>
        <source>CancelDesk %1</source>
        <translation>取消台 %1</translation>
    </message>
    <message>
        <source>About CancelDesk</source>
        <translation>关于取消台</translation>
    </message>
    <message>
        <source>Cancel payments at UQPAY, Antom and Liquido, with a tamper-evident cancel log.</source>
        <translation>在 UQPAY、Antom 和 Liquido 取消支付，并保留防篡改的取消日志。</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>复制详细信息(&amp;C)</translation>
    </message>
    <message>
        <source>Copies the versions, the store and the settings file, for a support request.</source>
        <translation>复制版本、存储和配置文件的信息，用于提交支持请求。</translation>
    </message>
    <message>
        <source>%1:</source>
        <extracomment>A form&apos;s label, e.g. &quot;Version:&quot;; Chinese takes a full-width colon.</extracomment>
        <translation>%1：</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::AddOrderDialog</name>
    <message>
        <source>Add order by payment ID</source>
        <translation>按支付 ID 添加订单</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>服务商(&amp;P)：</translation>
    </message>
    <message>
        <source>Payment &amp;ID:</source>
        <translation>支付 ID(&amp;I)：</translation>
    </message>
    <message>
        <source>Paste the payment ID from the provider</source>
        <translation>粘贴服务商提供的支付 ID</translation>
    </message>
    <message>
        <source>No provider is configured. Add credentials in the settings first.</source>
        <translation>尚未配置任何服务商。请先在设置中添加凭据。</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Add a&amp;nother</source>
        <translation>再添加一个(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Retrieving %1 from %2…</source>
        <translation>正在从 %2 获取 %1…</translation>
    </message>
    <message>
        <source>Stopped: payment %1 was not added.</source>
        <translation>已停止：支付 %1 未添加。</translation>
    </message>
    <message>
        <source>Added %1 payment %2: %3, status %4 (%5).</source>
        <translation>已添加 %1 支付 %2：%3，状态 %4（%5）。</translation>
    </message>
    <message>
        <source>The provider did not return the payment.</source>
        <translation>服务商未返回该支付。</translation>
    </message>
    <message>
        <source>%1 payment %2 could not be added: %3</source>
        <translation>无法添加 %1 支付 %2：%3</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::ApprovalsDock</name>
    <message>
        <source>Approvals queue</source>
        <translation>审批队列</translation>
    </message>
    <message>
        <source>&amp;Approve…</source>
        <translation>批准(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Decline…</source>
        <translation>拒绝(&amp;D)…</translation>
    </message>
    <message>
        <source>No cancel is waiting for approval.</source>
        <translation>没有等待审批的取消。</translation>
    </message>
    <message>
        <source>The approvals queue could not be read: %1</source>
        <translation>无法读取审批队列：%1</translation>
    </message>
    <message>
        <source>Select a cancel waiting for approval.</source>
        <translation>请选择一个等待审批的取消。</translation>
    </message>
    <message>
        <source>This request has lapsed: it can no longer be approved or declined.</source>
        <translation>此请求已过期：不能再批准或拒绝。</translation>
    </message>
    <message>
        <source>Cancels waiting for approval</source>
        <translation>等待批准的取消</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::ApprovalsModel</name>
    <message>
        <source>lapsed</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>The request lapses at %1 (your time).</source>
        <translation>此请求于 %1（您的时间）过期。</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>请求时间</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Payment ID</source>
        <translation>支付 ID</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Cancel reason</source>
        <translation>取消原因</translation>
    </message>
    <message>
        <source>Time left to approve</source>
        <translation>剩余审批时间</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>取消尝试</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::ApproveDialog</name>
    <message>
        <source>You asked for this cancel: another person must approve it.</source>
        <translation>此取消由您申请：须由另一人批准。</translation>
    </message>
    <message>
        <source>Approve cancel</source>
        <translation>批准取消</translation>
    </message>
    <message>
        <source>Requested by:</source>
        <translation>申请人：</translation>
    </message>
    <message>
        <source>Cancel reason:</source>
        <translation>取消原因：</translation>
    </message>
    <message>
        <source>Requested at:</source>
        <translation>申请时间：</translation>
    </message>
    <message>
        <source>Approval deadline:</source>
        <translation>审批期限：</translation>
    </message>
    <message>
        <source>&amp;Note for the requester:</source>
        <translation>给申请人的备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Required to decline: why not</source>
        <translation>拒绝时必填：说明原因</translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation>拒绝(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Approve and send…</source>
        <translation>批准并发送(&amp;A)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Approve this cancel?</source>
        <translation>批准此取消？</translation>
    </message>
    <message>
        <source>Sending the approved cancel</source>
        <translation>正在发送已批准的取消</translation>
    </message>
    <message>
        <source>Approval result</source>
        <translation>审批结果</translation>
    </message>
    <message>
        <source>%1 — “%2”</source>
        <translation>%1——“%2”</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1 (your time) · lapsed</source>
        <translation>%1（您的时间）· 已过期</translation>
    </message>
    <message>
        <source>%1 (your time) · lapses in %2</source>
        <translation>%1（您的时间）· %2 后过期</translation>
    </message>
    <message>
        <source>This request has lapsed: it waited past its approval deadline and can no longer be approved. Nothing was sent.</source>
        <translation>此请求已过期：已超过审批期限，不能再批准。未发送任何请求。</translation>
    </message>
    <message>
        <source>Payment %1 is not in the order list. Add or refresh it first.</source>
        <translation>支付 %1 不在订单列表中。请先添加或刷新。</translation>
    </message>
    <message>
        <source>This payment can no longer be cancelled; nothing was sent. %1</source>
        <translation>此支付已无法取消；未发送任何请求。%1</translation>
    </message>
    <message>
        <source>Approve and send the cancel of payment %1 (%2, %3), requested by %4? It is sent at once, with the requester&apos;s idempotency key.</source>
        <translation>批准并发送支付 %1（%2，%3）的取消吗？申请人：%4。取消将立即发送，并使用申请人的幂等键。</translation>
    </message>
    <message>
        <source>Approve and send</source>
        <translation>批准并发送</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Approving and writing the cancel log…</source>
        <translation>正在批准并写入取消日志…</translation>
    </message>
    <message>
        <source>Not approved — nothing was sent</source>
        <translation>未批准——未发送任何请求</translation>
    </message>
    <message>
        <source>Declining needs a note for the requester: say why not.</source>
        <translation>拒绝时需要给申请人写一条备注：说明原因。</translation>
    </message>
    <message>
        <source>Not declined</source>
        <translation>未拒绝</translation>
    </message>
    <message>
        <source>Declined — nothing was sent</source>
        <translation>审批未通过——未发送任何请求</translation>
    </message>
    <message>
        <source>%1 asked for this cancel; your note tells them why not: %2</source>
        <translation>%1 申请了此取消；您的备注向其说明了原因：%2</translation>
    </message>
    <message>
        <source>Cancel attempt #%1 is in the cancel log.</source>
        <translation>取消尝试 #%1 已记入取消日志。</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::BulkCancelDialog</name>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Cancel several payments</source>
        <translation>批量取消支付</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Payment ID</source>
        <translation>支付 ID</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Will it be sent?</source>
        <translation>是否发送？</translation>
    </message>
    <message>
        <source>Cancel &amp;reason (for all):</source>
        <translation>取消原因（全部适用）(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Keep payments</source>
        <translation>保留支付(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Will be sent</source>
        <translation>将发送</translation>
    </message>
    <message>
        <source>Will be sent (%1)</source>
        <translation>将发送（%1）</translation>
    </message>
    <message>
        <source>Not sent: the payment is not in the order list.</source>
        <translation>不发送：该支付不在订单列表中。</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>不发送：%1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Outcome not known yet — do not cancel this payment again. %1</source>
        <translation>结果尚未确定 — 请勿再次取消此支付。%1</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) selected.</source>
        <translation>
            <numerusform>已选择 %n 笔订单。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n will be sent.</source>
        <translation>
            <numerusform>%n 笔将发送。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n will not be sent.</source>
        <translation>
            <numerusform>%n 笔不发送。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Cancel %n payment(s)</source>
        <translation>
            <numerusform>取消 %n 笔支付(&amp;C)</numerusform>
        </translation>
    </message>
    <message>
        <source>%v of %m sent</source>
        <translation>已发送 %v / %m</translation>
    </message>
    <message>
        <source>The payment is not in the order list.</source>
        <translation>该支付不在订单列表中。</translation>
    </message>
    <message>
        <source>Succeeded: %1 · Rejected: %2 · Outcome unknown: %3 · Not sent: %4</source>
        <translation>成功：%1 · 被拒绝：%2 · 结果未知：%3 · 未发送：%4</translation>
    </message>
    <message>
        <source>Will be sent: %1</source>
        <translation>将发送：%1</translation>
    </message>
    <message>
        <source>Environment: %1</source>
        <translation>环境：%1</translation>
    </message>
    <message>
        <source>C&amp;opy report</source>
        <translation>复制报告(&amp;O)</translation>
    </message>
    <message>
        <source>Copy the report to the clipboard, tab-separated.</source>
        <translation>将报告复制到剪贴板（制表符分隔）。</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>导出报告(&amp;E)…</translation>
    </message>
    <message>
        <source>Save the report as a CSV file.</source>
        <translation>将报告保存为 CSV 文件。</translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>被拒绝：%1</translation>
    </message>
    <message>
        <source>Rejected by %1</source>
        <translation>被 %1 拒绝</translation>
    </message>
    <message>
        <source>Rejected by %1: %2</source>
        <translation>被 %1 拒绝：%2</translation>
    </message>
    <message>
        <source>%1 — retry it here, never as a new cancel.</source>
        <translation>%1 — 请在此重试，切勿发起新的取消。</translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source> · </source>
        <extracomment>amounts in different currencies are listed, never added</extracomment>
        <translation> · </translation>
    </message>
    <message>
        <source>Total to cancel: %1</source>
        <translation>待取消合计：%1</translation>
    </message>
    <message>
        <source>Total sent to cancel: %1</source>
        <translation>已发送取消合计：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n sent.</source>
        <translation>
            <numerusform>已发送 %n 笔。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not sent.</source>
        <translation>
            <numerusform>%n 笔未发送。</numerusform>
        </translation>
    </message>
    <message>
        <source>Type the number of payments to cancel (%1) to confirm:</source>
        <translation>请键入要取消的支付笔数（%1）以确认：</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Retry unresolved (%n)</source>
        <translation>
            <numerusform>重试未决的取消（%n）(&amp;R)</numerusform>
        </translation>
    </message>
    <message>
        <source>Send the unresolved cancels again as the same attempts, with the same idempotency keys — never new cancels.</source>
        <translation>以同一次尝试、相同的幂等键再次发送未决的取消——绝不会发起新的取消。</translation>
    </message>
    <message>
        <source>Do not make new cancels of the payments with an unknown outcome: retry them here (the same attempts, with the same keys) or let a refresh reconcile them.</source>
        <translation>请勿对结果未知的支付发起新的取消：可在此重试（同一次尝试，相同的幂等键），或由刷新状态来核对结果。</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Cancel attempt</source>
        <translation>取消尝试</translation>
    </message>
    <message>
        <source>The report is on the clipboard (tab-separated).</source>
        <translation>报告已复制到剪贴板（制表符分隔）。</translation>
    </message>
    <message>
        <source>The report could not be written to %1: %2</source>
        <translation>无法将报告写入 %1：%2</translation>
    </message>
    <message>
        <source>Export bulk cancel report</source>
        <translation>导出批量取消报告</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Report saved to %1.</source>
        <translation>报告已保存到 %1。</translation>
    </message>
    <message>
        <source>Orders to cancel</source>
        <translation>要取消的订单</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::CancelDialog</name>
    <message>
        <source>Cancel payment</source>
        <translation>取消支付</translation>
    </message>
    <message>
        <source>Cancel result</source>
        <translation>取消结果</translation>
    </message>
    <message>
        <source>Cancel this payment?</source>
        <translation>取消此支付？</translation>
    </message>
    <message>
        <source>Cancel &amp;reason:</source>
        <translation>取消原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Type the last 4 characters of the payment ID to confirm:</source>
        <translation>请输入支付 ID 的最后 4 个字符以确认：</translation>
    </message>
    <message>
        <source>&amp;Keep payment</source>
        <translation>保留支付(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Cancel payment</source>
        <translation>取消支付(&amp;C)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Payment %1 is not in the order list. Add or refresh it first.</source>
        <translation>支付 %1 不在订单列表中。请先添加或刷新。</translation>
    </message>
    <message>
        <source>This payment can no longer be cancelled; nothing was sent. %1</source>
        <translation>此支付已无法取消；未发送任何请求。%1</translation>
    </message>
    <message>
        <source>Checking the payment and writing the cancel log…</source>
        <translation>正在检查支付并写入取消日志…</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::CancelLogModel</name>
    <message>
        <source>The cancel log cannot be read.</source>
        <translation>无法读取取消日志。</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>取消尝试</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>请求时间</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Payment ID</source>
        <translation>支付 ID</translation>
    </message>
    <message>
        <source>Merchant reference</source>
        <translation>商户订单号</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Cancel reason</source>
        <translation>取消原因</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Provider code</source>
        <translation>服务商代码</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>Refused by CancelDesk before anything left this computer: %1 never received this cancel, so it did not reject it. The payment is as it was.</source>
        <translation>取消台在任何请求离开本机之前就已拒绝：%1 从未收到此取消请求，因此并非服务商拒绝。该支付保持原状。</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::CancelLogView</name>
    <message>
        <source>Requested between</source>
        <translation>请求日期范围</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>从(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>到(&amp;T)</translation>
    </message>
    <message>
        <source>Both days are included; times in your time zone (%1)</source>
        <translation>包含起止两天；时间按您的时区（%1）</translation>
    </message>
    <message>
        <source>&amp;Provider</source>
        <translation>服务商(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Operator</source>
        <translation>操作员(&amp;O)</translation>
    </message>
    <message>
        <source>Any operator</source>
        <translation>所有操作员</translation>
    </message>
    <message>
        <source>O&amp;utcome</source>
        <translation>结果(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>取消原因(&amp;R)</translation>
    </message>
    <message>
        <source>All providers</source>
        <translation>所有服务商</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>所有结果</translation>
    </message>
    <message>
        <source>All reasons</source>
        <translation>所有取消原因</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Verify log</source>
        <translation>校验日志(&amp;V)</translation>
    </message>
    <message>
        <source>Checks the hash chain of the whole cancel log and names the first entry that was changed or removed.</source>
        <translation>校验整个取消日志的哈希链，并指出第一条被修改或删除的记录。</translation>
    </message>
    <message>
        <source>Checking the cancel log…</source>
        <translation>正在校验取消日志…</translation>
    </message>
    <message>
        <source>Log check failed at entry %1 (attempt %2): %3</source>
        <translation>日志校验失败，第 %1 条记录（取消尝试 %2）：%3</translation>
    </message>
    <message>
        <source>&amp;Copy head</source>
        <translation>复制链头(&amp;C)</translation>
    </message>
    <message>
        <source>Copies the head as SEQ:HASH. Keep it outside CancelDesk: Verify against… proves later that nothing up to it was removed or changed.</source>
        <translation>以 SEQ:HASH 的形式复制链头。请将其保存在取消台之外：之后用“对照校验…”即可证明到该链头为止没有任何内容被删除或更改。</translation>
    </message>
    <message>
        <source>Verify &amp;against…</source>
        <translation>对照校验(&amp;A)…</translation>
    </message>
    <message>
        <source>Checks the cancel log against a head or an export manifest kept earlier.</source>
        <translation>对照先前保存的链头或导出清单校验取消日志。</translation>
    </message>
    <message>
        <source>Head: unknown</source>
        <translation>链头：未知</translation>
    </message>
    <message>
        <source>Head: entry 0 (the cancel log is empty)</source>
        <translation>链头：条目 0（取消日志为空）</translation>
    </message>
    <message>
        <source>Head: entry %1 · %2…</source>
        <translation>链头：条目 %1 · %2…</translation>
    </message>
    <message>
        <source>Head of the cancel log: %1</source>
        <translation>取消日志的链头：%1</translation>
    </message>
    <message>
        <source>Entry %1 is still there with the expected hash.</source>
        <translation>条目 %1 仍然存在，且哈希与预期相符。</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Today and the 6 days before it.</source>
        <translation>今天及之前的 6 天。</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>From the first day of this month to today.</source>
        <translation>从本月第一天到今天。</translation>
    </message>
    <message>
        <source>1 cancel attempt shown</source>
        <translation>显示 1 次取消尝试</translation>
    </message>
    <message numerus="yes">
        <source>%n cancel attempts shown</source>
        <translation>
            <numerusform>显示 %n 次取消尝试</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel attempts that match the filters. The cancel log holds several entries for each attempt, one for every change of its state.</source>
        <translation>符合筛选条件的取消尝试。取消日志为每次尝试保存多条记录，其状态每变化一次即记一条。</translation>
    </message>
    <message>
        <source>Select an attempt to see its reason, note and the provider&apos;s answer in full.</source>
        <translation>选择一次取消尝试，查看其完整的原因、备注和服务商答复。</translation>
    </message>
    <message>
        <source>Attempt %1 · %2 · payment %3 · %4</source>
        <translation>取消尝试 %1 · %2 · 支付 %3 · %4</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <source>Note: none</source>
        <translation>备注：无</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation>说明：%1</translation>
    </message>
    <message>
        <source>Provider&apos;s answer: %1</source>
        <translation>服务商答复：%1</translation>
    </message>
    <message>
        <source>Chain verified: 1 log entry (every state change of every attempt, whole log) intact.</source>
        <translation>哈希链已验证：1 条日志记录（整个日志中每次取消尝试的每次状态变化）完好。</translation>
    </message>
    <message numerus="yes">
        <source>Chain verified: %n log entries (every state change of every attempt, whole log) intact.</source>
        <translation>
            <numerusform>哈希链已验证：%n 条日志记录（整个日志中每次取消尝试的每次状态变化）完好。</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking the cancel log… %1%</source>
        <translation>正在校验取消日志…%1%</translation>
    </message>
    <message>
        <source>Verification stopped before the end: nothing was verified.</source>
        <translation>校验在完成前已停止：未校验任何内容。</translation>
    </message>
    <message>
        <source>Cancel log entries</source>
        <translation>取消日志条目</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::DatabaseLoginDialog</name>
    <message>
        <source>The team database needs the password of %1.</source>
        <translation>团队数据库需要 %1 的密码。</translation>
    </message>
    <message>
        <source>The team database did not accept the password of %1.</source>
        <translation>团队数据库不接受 %1 的密码。</translation>
    </message>
    <message>
        <source>The team database did not accept the saved password of %1. It may have been changed: type the new one.</source>
        <translation>团队数据库不接受已保存的 %1 的密码。密码可能已更改，请输入新密码。</translation>
    </message>
    <message>
        <source>CancelDesk cannot reach the team database. Check the network and the server, then connect again. If the server wants a password, type it here.</source>
        <translation>取消台无法连接团队数据库。请检查网络和服务器，然后重新连接。如果服务器需要密码，请在此输入。</translation>
    </message>
    <message>
        <source>Team database login</source>
        <translation>登录团队数据库</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>Login:</source>
        <translation>登录名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Remember the password in %1</source>
        <translation>在%1中记住密码</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::DesktopNotifier</name>
    <message numerus="yes">
        <source>Cancel deadline in under %n minute(s)</source>
        <translation>
            <numerusform>取消期限不到 %n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 can still be cancelled, for a few minutes more.</source>
        <translation>%1 仍可取消，但只剩几分钟。</translation>
    </message>
    <message numerus="yes">
        <source>%n orders can still be cancelled, for a few minutes more: %1</source>
        <translation>
            <numerusform>%n 笔订单仍可取消，但只剩几分钟：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>not in the list any more</source>
        <translation>已不在列表中</translation>
    </message>
    <message>
        <source>A cancel has settled</source>
        <translation>未决的取消已有结果</translation>
    </message>
    <message>
        <source>The unresolved cancel of %1 has settled: the payment is %2.</source>
        <translation>%1 的未决取消已有结果：该支付现为%2。</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::Eligibility</name>
    <message>
        <source>The cancel window closed at %1.</source>
        <translation>取消期限已于 %1 截止。</translation>
    </message>
    <message>
        <source>The payment cannot be cancelled.</source>
        <translation>该支付无法取消。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <extracomment>%1 why the payment cannot be cancelled, %2 what to do instead (two sentences)</extracomment>
        <translation>%1%2</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::ExportDialog</name>
    <message>
        <source>Attempts requested from %1 to %2, both days included (time zone %3), matching the filters of the cancel log.</source>
        <translation>请求日期从 %1 到 %2 的取消尝试（包含起止两天，时区 %3），并符合取消日志的筛选条件。</translation>
    </message>
    <message>
        <source>All dates, matching the filters of the cancel log.</source>
        <translation>所有日期，并符合取消日志的筛选条件。</translation>
    </message>
    <message>
        <source>Export cancel log</source>
        <translation>导出取消日志</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>CSV (comma-separated)</source>
        <translation>CSV（逗号分隔）</translation>
    </message>
    <message>
        <source>Excel workbook (XLSX)</source>
        <translation>Excel 工作簿（XLSX）</translation>
    </message>
    <message>
        <source>JSON Lines</source>
        <translation>JSON Lines</translation>
    </message>
    <message>
        <source>Start with a byte order mark (lets Excel read Chinese correctly)</source>
        <translation>以字节顺序标记（BOM）开头（让 Excel 正确显示中文）</translation>
    </message>
    <message>
        <source>&amp;Save to:</source>
        <translation>保存到(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>JSON Lines files (*.jsonl)</source>
        <translation>JSON Lines 文件 (*.jsonl)</translation>
    </message>
    <message>
        <source>Choose the file to export to.</source>
        <translation>请选择要导出到的文件。</translation>
    </message>
    <message>
        <source>%1 of %2 rows</source>
        <translation>%1 / %2 行</translation>
    </message>
    <message>
        <source>Export stopped; no file was written.</source>
        <translation>导出已停止，未写入任何文件。</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>Exported 1 row to %1.</source>
        <translation>已导出 1 行到 %1。</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n rows to %1.</source>
        <translation>
            <numerusform>已导出 %n 行到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Its manifest, with the cancel log&apos;s head: %1</source>
        <translation>其清单（含取消日志链头）：%1</translation>
    </message>
    <message>
        <source>Column titles in the current language instead of the keys</source>
        <translation>列标题使用当前语言，而非列键名</translation>
    </message>
    <message>
        <source>The header row names each column in the current language (&quot;Payment ID&quot;) in place of its stable key (payment_id). Leave it off for files a script reads.</source>
        <translation>标题行以当前语言命名各列（如“支付 ID”），取代其固定键名（payment_id）。供脚本读取的文件请不要勾选。</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::FileSecretStore</name>
    <message>
        <source>The file %1 holds secrets but other users may read it. Run: chmod 600 %1</source>
        <translation>文件 %1 保存有密钥，但其他用户可以读取它。请运行：chmod 600 %1</translation>
    </message>
    <message>
        <source>The file %1 cannot be read.</source>
        <translation>无法读取文件 %1。</translation>
    </message>
    <message>
        <source>The folder of %1 cannot be created.</source>
        <translation>无法创建 %1 所在的文件夹。</translation>
    </message>
    <message>
        <source>The file %1 cannot be created.</source>
        <translation>无法创建文件 %1。</translation>
    </message>
    <message>
        <source>The file %1 cannot be made private.</source>
        <translation>无法将文件 %1 设为仅本人可读。</translation>
    </message>
    <message>
        <source>The file %1 cannot be written.</source>
        <translation>无法写入文件 %1。</translation>
    </message>
    <message>
        <source>the file %1 (readable only by you)</source>
        <translation>文件 %1（仅您本人可读）</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::FirstRunPanel</name>
    <message>
        <source>Welcome to CancelDesk</source>
        <translation>欢迎使用取消台</translation>
    </message>
    <message>
        <source>Your name is recorded with every cancel in the cancel log. It is filled in from your computer account; change it if the log should show another name. You can cancel a sandbox order right away.</source>
        <translation>每次取消都会把您的姓名记入取消日志。这里已按您的电脑账户填好；如果日志中应显示其他姓名，请修改。现在就可以取消沙箱中的订单。</translation>
    </message>
    <message>
        <source>&amp;Operator name:</source>
        <translation>操作员姓名(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::ImportDialog</name>
    <message>
        <source>Choose a file of orders</source>
        <translation>选择订单文件</translation>
    </message>
    <message>
        <source>Orders (*.csv *.json);;All files (*)</source>
        <translation>订单 (*.csv *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose a CSV or JSON file to preview it.</source>
        <translation>选择一个 CSV 或 JSON 文件进行预览。</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s): %L1 good (%L2 unchanged), %L3 bad</source>
        <translation>
            <numerusform>%Ln 行：%L1 行有效（%L2 行未变化），%L3 行有误</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing has been written yet. Import writes the good rows in one transaction; bad rows are skipped.</source>
        <translation>尚未写入任何数据。导入会在一个事务中写入有效行；有误的行将被跳过。</translation>
    </message>
    <message>
        <source>There is nothing to import.</source>
        <translation>没有可导入的内容。</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message numerus="yes">
        <source>Imported: %Ln order(s) written.</source>
        <translation>
            <numerusform>已导入：写入 %Ln 笔订单。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln order(s) were already up to date.</source>
        <translation>
            <numerusform>%Ln 笔订单已是最新。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln bad row(s) skipped.</source>
        <translation>
            <numerusform>已跳过 %Ln 行有误的数据。</numerusform>
        </translation>
    </message>
    <message>
        <source>Rows that will not be imported:</source>
        <translation>不会导入的行：</translation>
    </message>
    <message>
        <source>No bad rows.</source>
        <translation>没有有误的行。</translation>
    </message>
    <message>
        <source>Import orders</source>
        <translation>导入订单</translation>
    </message>
    <message>
        <source>Import a merchant export (CSV or JSON) with the columns provider, payment_id, amount and currency. The file is checked first; nothing is written until you press Import.</source>
        <translation>导入商户导出文件（CSV 或 JSON），须包含 provider、payment_id、amount 和 currency 列。文件会先经过检查；在您点击“导入”之前不会写入任何数据。</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>Path of a .csv or .json file</source>
        <translation>.csv 或 .json 文件的路径</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Problems found in the file</source>
        <translation>文件中发现的问题</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::ImportIssueModel</name>
    <message>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::KeychainSecretStore</name>
    <message>
        <source>The system keychain did not answer.</source>
        <translation>系统钥匙串没有响应。</translation>
    </message>
    <message>
        <source>The system keychain could not be read: %1</source>
        <translation>无法读取系统钥匙串：%1</translation>
    </message>
    <message>
        <source>The secret %1 could not be stored in the system keychain: %2</source>
        <translation>无法将密钥 %1 保存到系统钥匙串：%2</translation>
    </message>
    <message>
        <source>The secret %1 could not be removed from the system keychain: %2</source>
        <translation>无法从系统钥匙串删除密钥 %1：%2</translation>
    </message>
    <message>
        <source>the system keychain</source>
        <translation>系统钥匙串</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::LocalSecretStore</name>
    <message>
        <source>The secret %1 could not be stored.</source>
        <translation>无法保存密钥 %1。</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::MainWindow</name>
    <message>
        <source>CancelDesk — payment cancellation console</source>
        <translation>取消台 — 支付取消控制台</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About CancelDesk</source>
        <translation>关于取消台(&amp;A)</translation>
    </message>
    <message>
        <source>The orders could not be read: %1</source>
        <translation>无法读取订单：%1</translation>
    </message>
    <message>
        <source>&amp;Orders</source>
        <translation>订单(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Retrieve the selected orders&apos; status from the providers (F5)</source>
        <translation>从服务商获取所选订单的状态（F5）</translation>
    </message>
    <message>
        <source>Refresh all visible</source>
        <translation>刷新全部可见订单</translation>
    </message>
    <message>
        <source>Retrieve the status of every order in the list (Shift+F5)</source>
        <translation>获取列表中每笔订单的状态（Shift+F5）</translation>
    </message>
    <message>
        <source>Auto-refresh</source>
        <translation>自动刷新</translation>
    </message>
    <message>
        <source>Refresh every order that is not final at this interval (minutes)</source>
        <translation>按此间隔（分钟）刷新所有非终态订单</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Cancel payment…</source>
        <translation>取消支付…</translation>
    </message>
    <message>
        <source>Bulk cancel…</source>
        <translation>批量取消…</translation>
    </message>
    <message>
        <source>Cancel the selected eligible orders with one reason</source>
        <translation>以同一取消原因取消所选的可取消订单</translation>
    </message>
    <message>
        <source>Add by ID…</source>
        <translation>按 ID 添加…</translation>
    </message>
    <message>
        <source>Retrieve a payment from its provider by its ID</source>
        <translation>按支付 ID 从服务商获取支付</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Import orders from a CSV or JSON file</source>
        <translation>从 CSV 或 JSON 文件导入订单</translation>
    </message>
    <message>
        <source>Sync UQPAY…</source>
        <translation>同步 UQPAY…</translation>
    </message>
    <message>
        <source>Fetch UQPAY&apos;s payment intents for a date range</source>
        <translation>获取某一日期范围内的 UQPAY 支付意图</translation>
    </message>
    <message>
        <source>Cancel log</source>
        <translation>取消日志</translation>
    </message>
    <message>
        <source>Every cancel attempt, with filters, export and verification</source>
        <translation>所有取消尝试，可筛选、导出和校验</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>显示详情</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Search payment IDs and merchant references (Ctrl+F)</source>
        <translation>搜索支付 ID 和商户订单号（Ctrl+F）</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>All orders</source>
        <translation>全部订单</translation>
    </message>
    <message>
        <source>Cancellable now</source>
        <translation>当前可取消</translation>
    </message>
    <message>
        <source>Expiring within 1 h</source>
        <translation>1 小时内到期</translation>
    </message>
    <message>
        <source>Unresolved cancels</source>
        <translation>未决的取消</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>All providers</source>
        <translation>全部服务商</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All methods</source>
        <translation>全部支付方式</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>PRODUCTION — cancels affect real payments</source>
        <translation>生产环境 — 取消会作用于真实支付</translation>
    </message>
    <message>
        <source>PROVIDER TEST — the providers&apos; test systems; no real money</source>
        <translation>服务商测试环境 — 服务商的测试系统；不涉及真实资金</translation>
    </message>
    <message>
        <source>SANDBOX — built-in simulator on 127.0.0.1:%1 with demo payments; no real money</source>
        <translation>沙箱 — 内置模拟器（127.0.0.1:%1），含演示支付；不涉及真实资金</translation>
    </message>
    <message>
        <source>SANDBOX — no real money</source>
        <translation>沙箱 — 不涉及真实资金</translation>
    </message>
    <message>
        <source>Select one order to cancel it (Del)</source>
        <translation>选择一笔订单以取消（Del）</translation>
    </message>
    <message>
        <source>Cancel the selected payment (Del)</source>
        <translation>取消所选支付（Del）</translation>
    </message>
    <message>
        <source>Cannot be cancelled: %1</source>
        <translation>无法取消：%1</translation>
    </message>
    <message>
        <source>%1 / %2 refreshed, %3 failed</source>
        <translation>已刷新 %1 / %2，失败 %3</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) with a confirmed cancel need review.</source>
        <translation>
            <numerusform>%n 笔订单与已确认的取消冲突，需要复核。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unresolved cancel(s) settled.</source>
        <translation>
            <numerusform>已确定 %n 个未决取消的结果。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel log — CancelDesk</source>
        <translation>取消日志 — 取消台</translation>
    </message>
    <message numerus="yes">
        <source>Refresh stopped: %1 of %n order(s) done, %2 failed.</source>
        <translation>
            <numerusform>刷新已停止：%n 笔订单中完成 %1 笔，失败 %2 笔。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refreshed %1 of %n order(s); %2 failed.</source>
        <translation>
            <numerusform>已刷新 %1 / %n 笔订单；失败 %2 笔。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Resumed %n cancel(s) interrupted in an earlier session: %1 succeeded, %2 rejected, %3 outcome unknown.</source>
        <translation>
            <numerusform>已继续处理上次会话中断的 %n 笔取消：%1 笔成功，%2 笔被拒绝，%3 笔结果未知。</numerusform>
        </translation>
    </message>
    <message>
        <source>Interrupted cancels resumed</source>
        <translation>已继续处理中断的取消</translation>
    </message>
    <message>
        <source>Retry the earlier cancel of the selected payment (Del). %1</source>
        <translation>重试所选支付之前的取消（Del）。%1</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>Copied payment ID %1</source>
        <translation>已复制支付 ID %1</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n payment ID(s)</source>
        <translation>
            <numerusform>已复制 %n 个支付 ID</numerusform>
        </translation>
    </message>
    <message>
        <source>Search all orders</source>
        <translation>搜索全部订单</translation>
    </message>
    <message>
        <source>the current filters</source>
        <translation>当前筛选条件</translation>
    </message>
    <message numerus="yes">
        <source>No match in “%1” — %n order(s) match in all orders.</source>
        <translation>
            <numerusform>“%1”中没有匹配项——全部订单中有 %n 个订单匹配。</numerusform>
        </translation>
    </message>
    <message>
        <source>Payment %1 cannot be cancelled: %2</source>
        <translation>支付 %1 无法取消：%2</translation>
    </message>
    <message>
        <source>Cannot cancel</source>
        <translation>无法取消</translation>
    </message>
    <message>
        <source>Payment %1 cannot be cancelled.</source>
        <translation>支付 %1 无法取消。</translation>
    </message>
    <message>
        <source>Reset sandbox…</source>
        <translation>重置沙箱…</translation>
    </message>
    <message>
        <source>Start the built-in sandbox afresh: new demo payments, an empty sandbox cancel log</source>
        <translation>重新开始内置沙箱：新的演示支付，沙箱取消日志清空</translation>
    </message>
    <message>
        <source>No provider is configured in this environment: nothing can be refreshed or cancelled. Open Settings (Ctrl+,) to add a provider&apos;s credentials.</source>
        <translation>当前环境未配置任何服务商：无法刷新或取消。请打开设置（Ctrl+,）添加服务商凭据。</translation>
    </message>
    <message>
        <source>Cancels are recorded as made by %1.</source>
        <translation>取消将以 %1 的名义记录。</translation>
    </message>
    <message>
        <source>Reset sandbox</source>
        <translation>重置沙箱</translation>
    </message>
    <message>
        <source>Start the built-in sandbox afresh?</source>
        <translation>要重新开始内置沙箱吗？</translation>
    </message>
    <message>
        <source>The sandbox&apos;s payments, the sandbox&apos;s order list and its cancel log are deleted and new demo payments are created. The provider test and production stores are not touched.</source>
        <translation>沙箱的支付、沙箱订单列表及其取消日志将被删除，并生成新的演示支付。服务商测试环境和生产环境的数据不受影响。</translation>
    </message>
    <message>
        <source>Team store %1 — signed in as %2, who holds no CancelDesk role: ask the store&apos;s owner for one (canceldesk-cli team grant).</source>
        <translation>团队存储 %1 — 当前登录为 %2，该登录没有任何取消台角色：请向存储的所有者申请一个（canceldesk-cli team grant）。</translation>
    </message>
    <message>
        <source>Team store %1 — signed in as %2 (%3)</source>
        <translation>团队存储 %1 — 当前登录为 %2（%3）</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Changes made at other consoles show here within 2 seconds.</source>
        <translation>其他控制台所做的更改会在 2 秒内显示在这里。</translation>
    </message>
    <message>
        <source>Live (polling)</source>
        <translation>实时（轮询）</translation>
    </message>
    <message>
        <source>Changes made at other consoles and by the CLI are checked for every second.</source>
        <translation>每秒检查一次其他控制台和命令行所做的更改。</translation>
    </message>
    <message>
        <source>Connection lost — reconnecting…</source>
        <translation>连接已断开——正在重新连接…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>The store cannot be reached: the list may be out of date, and nothing you do now can be saved until the connection is back. CancelDesk keeps trying.</source>
        <translation>无法连接存储：列表可能已过时，连接恢复之前您所做的任何操作都无法保存。取消台会持续重试。</translation>
    </message>
    <message>
        <source>Not following other consoles</source>
        <translation>未跟随其他控制台的更改</translation>
    </message>
    <message numerus="yes">
        <source>Approvals waiting: %n</source>
        <translation>
            <numerusform>待审批：%n</numerusform>
        </translation>
    </message>
    <message>
        <source>Show the approvals queue</source>
        <translation>显示审批队列</translation>
    </message>
    <message numerus="yes">
        <source>Newest %1 shown; reading all %Ln order(s)…</source>
        <translation>
            <numerusform>已显示最新的 %1 笔；正在读取全部 %Ln 笔订单…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln order(s) shown</source>
        <translation>
            <numerusform>显示 %1 / %Ln 笔订单</numerusform>
        </translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>用户指南</translation>
    </message>
    <message>
        <source>The user guide is not installed. CancelDesk looked for it in %1.</source>
        <translation>未安装用户指南。取消台在 %1 中查找过。</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>用户指南(&amp;U)</translation>
    </message>
    <message>
        <source>Auto-refresh interval</source>
        <translation>自动刷新间隔</translation>
    </message>
    <message>
        <source>Search orders</source>
        <translation>搜索订单</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Desktop &amp;notifications</source>
        <translation>桌面通知(&amp;N)</translation>
    </message>
    <message>
        <source>Tell me when an unresolved cancel settles, and when an order that can be cancelled is under 5 minutes from its deadline</source>
        <translation>当未决的取消有了结果，或可取消的订单距取消期限不到 5 分钟时通知我</translation>
    </message>
    <message>
        <source>This desktop has no system tray to show notifications in</source>
        <translation>此桌面没有可显示通知的系统托盘</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::MemorySecretStore</name>
    <message>
        <source>memory (this session only)</source>
        <translation>内存（仅限本次会话）</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::OrderListView</name>
    <message>
        <source>Copy payment ID</source>
        <translation>复制支付 ID</translation>
    </message>
    <message>
        <source>Copy the payment IDs of the selected orders (Ctrl+C)</source>
        <translation>复制所选订单的支付 ID（Ctrl+C）</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::OrderSummaryWidget</name>
    <message>
        <source>Environment:</source>
        <translation>环境：</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>服务商：</translation>
    </message>
    <message>
        <source>Payment ID:</source>
        <translation>支付 ID：</translation>
    </message>
    <message>
        <source>Merchant reference:</source>
        <translation>商户订单号：</translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation>金额：</translation>
    </message>
    <message>
        <source>Payment method:</source>
        <translation>支付方式：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Cancel deadline:</source>
        <translation>取消期限：</translation>
    </message>
    <message>
        <source>Time left:</source>
        <translation>剩余时间：</translation>
    </message>
    <message>
        <source>The full amount is cancelled. Partial cancels are not possible; use a refund for part of the amount.</source>
        <translation>仅支持全额取消，无法部分取消；如只需退回部分金额，请使用退款。</translation>
    </message>
    <message>
        <source>%1 (provider: %2)</source>
        <translation>%1（服务商：%2）</translation>
    </message>
    <message>
        <source>%1 (your time)</source>
        <translation>%1（您的时间）</translation>
    </message>
    <message>
        <source>%1 (your time) · %2 (provider&apos;s time)</source>
        <translation>%1（您的时间）· %2（服务商时间）</translation>
    </message>
    <message>
        <source>none known</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::OrderTableModel</name>
    <message>
        <source>%1 (shared)</source>
        <translation>%1（共用）</translation>
    </message>
    <message>
        <source>%1 · conflict</source>
        <translation>%1 · 冲突</translation>
    </message>
    <message>
        <source>%1 · charged back</source>
        <translation>%1 · 已拒付</translation>
    </message>
    <message>
        <source>%1 · refunded</source>
        <translation>%1 · 已退款</translation>
    </message>
    <message>
        <source>%1 · cancel unresolved</source>
        <translation>%1 · 取消未决</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Provider status: %1</source>
        <translation>服务商状态：%1</translation>
    </message>
    <message>
        <source>Other orders at %1 share this merchant reference; check which one to cancel.</source>
        <translation>%1 的其他订单使用了相同的商户订单号；请确认要取消的是哪一笔。</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Payment ID</source>
        <translation>支付 ID</translation>
    </message>
    <message>
        <source>Merchant reference</source>
        <translation>商户订单号</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Cancel deadline</source>
        <translation>取消期限</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Last synced</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <source>Last sync failed: %1</source>
        <translation>上次同步失败：%1</translation>
    </message>
    <message>
        <source>awaiting approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>awaiting approval (asked by %1)</source>
        <translation>待审批（%1 申请）</translation>
    </message>
    <message>
        <source>being cancelled by %1</source>
        <translation>%1 正在取消</translation>
    </message>
    <message>
        <source>being cancelled</source>
        <translation>正在取消</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::ProviderStrip</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Checked at %1</source>
        <translation>检查时间 %1</translation>
    </message>
    <message>
        <source>Click to open its settings.</source>
        <translation>点击打开其设置。</translation>
    </message>
    <message>
        <source>Click to test the connection (a read-only status query).</source>
        <translation>点击测试连接（只读的状态查询）。</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>The system keychain is not available on this computer. Secrets are stored in %1 instead; the file is refused if other users can read it.</source>
        <translation>此计算机上没有可用的系统钥匙串。密钥将改为保存在%1中；如果其他用户可以读取该文件，程序将拒绝使用它。</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>UQPAY</source>
        <translation>UQPAY</translation>
    </message>
    <message>
        <source>Antom</source>
        <translation>Antom</translation>
    </message>
    <message>
        <source>Liquido</source>
        <translation>Liquido</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>沙箱</translation>
    </message>
    <message>
        <source>Provider test</source>
        <translation>服务商测试环境</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>生产环境</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>环境(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Operator name:</source>
        <translation>操作员姓名(&amp;O)：</translation>
    </message>
    <message>
        <source>Cancel &amp;window overrides:</source>
        <translation>取消期限覆盖文件(&amp;W)：</translation>
    </message>
    <message>
        <source>none (the built-in cancel windows)</source>
        <translation>无（使用内置取消期限）</translation>
    </message>
    <message>
        <source>Request &amp;timeout (ms):</source>
        <translation>请求超时(&amp;T)（毫秒）：</translation>
    </message>
    <message>
        <source>Maximum &amp;retries:</source>
        <translation>最大重试次数(&amp;R)：</translation>
    </message>
    <message>
        <source>Retry &amp;backoff base (ms):</source>
        <translation>重试退避基数(&amp;B)（毫秒）：</translation>
    </message>
    <message>
        <source>&amp;Confirmation timeout (s):</source>
        <translation>确认超时(&amp;C)（秒）：</translation>
    </message>
    <message>
        <source>How long a sent cancel is polled before it is marked unresolved.</source>
        <translation>已发送的取消请求在被标记为未决（结果未知）之前轮询的时长。</translation>
    </message>
    <message>
        <source>&amp;Poll interval (ms):</source>
        <translation>轮询间隔(&amp;P)（毫秒）：</translation>
    </message>
    <message>
        <source>Requests at once per provider:</source>
        <translation>每个服务商的并发请求数：</translation>
    </message>
    <message>
        <source>Base URL:</source>
        <translation>基础 URL：</translation>
    </message>
    <message>
        <source>Client ID:</source>
        <translation>客户端 ID：</translation>
    </message>
    <message>
        <source>On behalf of (account ID):</source>
        <translation>代表账户（账户 ID）：</translation>
    </message>
    <message>
        <source>Merchant time zone:</source>
        <translation>商户时区：</translation>
    </message>
    <message>
        <source>UTC, an offset like +08:00, or a zone name like Asia/Shanghai.</source>
        <translation>UTC、+08:00 这样的偏移量，或 Asia/Shanghai 这样的时区名称。</translation>
    </message>
    <message>
        <source>Use Antom&apos;s sandbox paths (/ams/sandbox/api)</source>
        <translation>使用 Antom 的沙箱路径（/ams/sandbox/api）</translation>
    </message>
    <message>
        <source>Sandbox:</source>
        <translation>沙箱：</translation>
    </message>
    <message>
        <source>Key version:</source>
        <translation>密钥版本：</translation>
    </message>
    <message>
        <source>Merchant private key (PEM):</source>
        <translation>商户私钥（PEM）：</translation>
    </message>
    <message>
        <source>Antom public key (PEM):</source>
        <translation>Antom 公钥（PEM）：</translation>
    </message>
    <message>
        <source>The file must be readable only by you (chmod 600).</source>
        <translation>该文件必须仅您本人可读（chmod 600）。</translation>
    </message>
    <message>
        <source>optional: verifies response signatures</source>
        <translation>可选：用于验证响应签名</translation>
    </message>
    <message>
        <source>Token URL:</source>
        <translation>令牌 URL：</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API 密钥：</translation>
    </message>
    <message>
        <source>Client secret:</source>
        <translation>客户端密钥：</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>•••••• (unchanged)</source>
        <translation>••••••（未更改）</translation>
    </message>
    <message>
        <source>will be stored in %1 when you save</source>
        <translation>保存时将存入%1</translation>
    </message>
    <message>
        <source>will be removed when you save</source>
        <translation>保存时将被删除</translation>
    </message>
    <message>
        <source>stored in %1</source>
        <translation>已保存在%1中</translation>
    </message>
    <message>
        <source>written in the configuration file (new secrets go to %1)</source>
        <translation>写在配置文件中（新密钥将保存到%1）</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>Switch to Production? Cancels will be sent to real payments.</source>
        <translation>切换到生产环境？取消请求将发送到真实的支付。</translation>
    </message>
    <message>
        <source>Switch to Production</source>
        <translation>切换到生产环境</translation>
    </message>
    <message>
        <source>Stay</source>
        <translation>保持不变</translation>
    </message>
    <message>
        <source>The built-in cancel windows apply.</source>
        <translation>使用内置取消期限。</translation>
    </message>
    <message>
        <source>Cancel window overrides: %1</source>
        <translation>取消期限覆盖文件：%1</translation>
    </message>
    <message>
        <source>The override file is valid.</source>
        <translation>覆盖文件有效。</translation>
    </message>
    <message>
        <source>The folder of %1 cannot be created.</source>
        <translation>无法创建 %1 所在的文件夹。</translation>
    </message>
    <message>
        <source>The configuration file %1 cannot be written.</source>
        <translation>无法写入配置文件 %1。</translation>
    </message>
    <message>
        <source>The configuration file %1 cannot be read.</source>
        <translation>无法读取配置文件 %1。</translation>
    </message>
    <message>
        <source>Typed confirmation from this &amp;amount, in each payment&apos;s own currency:</source>
        <translation>按各笔支付自身币种计，达到此金额时须键入确认(&amp;A)：</translation>
    </message>
    <message>
        <source>1000 means 1,000.00 USD, 1,000 JPY, 1,000.000 KWD; amounts are never converted. 0 asks for every cancel.</source>
        <translation>1000 即 1,000.00 USD、1,000 JPY、1,000.000 KWD；金额不做换算。0 表示每次取消都须键入确认。</translation>
    </message>
    <message>
        <source>%1 (from your computer account)</source>
        <translation>%1（来自您的电脑账户）</translation>
    </message>
    <message>
        <source>Recorded with every cancel. Empty: the name of your computer account is used, as shown.</source>
        <translation>每次取消都会记录。留空时使用所示的电脑账户名称。</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Asks each configured provider for the status of a payment that does not exist, with the settings as entered (not yet saved). Nothing is changed at the provider.</source>
        <translation>用当前填写（尚未保存）的设置，向每个已配置的服务商查询一笔不存在的支付的状态。不会在服务商处做任何更改。</translation>
    </message>
    <message>
        <source>* Required to use this provider. Leave every field empty to not use it in this environment.</source>
        <translation>* 使用此服务商时必填。若在当前环境不使用它，请将所有字段留空。</translation>
    </message>
    <message>
        <source>No provider is configured: the console uses its built-in sandbox.</source>
        <translation>未配置任何服务商：控制台使用内置沙箱。</translation>
    </message>
    <message>
        <source>No provider is configured for this environment: there is nothing to test.</source>
        <translation>当前环境未配置任何服务商：没有可测试的内容。</translation>
    </message>
    <message>
        <source>%1: checking…</source>
        <translation>%1：检查中…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Team &amp;database:</source>
        <translation>团队数据库(&amp;D)：</translation>
    </message>
    <message>
        <source>Empty: the orders and the cancel log are kept in a file on this computer. A postgresql:// address (without a password) shares them with your team; CancelDesk asks for the password when it connects and keeps it in the keychain.</source>
        <translation>留空：订单和取消日志保存在本机的文件中。填写 postgresql:// 地址（不含密码）即与团队共享；取消台在连接时询问密码，并保存在钥匙串中。</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::StatusView</name>
    <message>
        <source>import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>added by ID</source>
        <translation>按 ID 添加</translation>
    </message>
    <message>
        <source>Order status</source>
        <translation>订单状态</translation>
    </message>
    <message>
        <source>Select an order to see its live status, its history and whether it can still be cancelled.</source>
        <translation>选择一笔订单，查看其实时状态、历史记录以及是否仍可取消。</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>服务商：</translation>
    </message>
    <message>
        <source>Payment ID:</source>
        <translation>支付 ID：</translation>
    </message>
    <message>
        <source>Merchant reference:</source>
        <translation>商户订单号：</translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation>金额：</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>支付方式：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>创建时间：</translation>
    </message>
    <message>
        <source>Paid:</source>
        <translation>支付时间：</translation>
    </message>
    <message>
        <source>Cancel deadline:</source>
        <translation>取消期限：</translation>
    </message>
    <message>
        <source>Time left:</source>
        <translation>剩余时间：</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Retrieve this order&apos;s status from the provider now (F5).</source>
        <translation>立即从服务商获取此订单的状态（F5）。</translation>
    </message>
    <message>
        <source>Status history</source>
        <translation>状态历史</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Cancel attempts</source>
        <translation>取消尝试</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>发起时间</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>取消原因</translation>
    </message>
    <message numerus="yes">
        <source>%1 — shared by %n order(s)</source>
        <translation>
            <numerusform>%1 — %n 笔订单共用</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (provider: %2)</source>
        <translation>%1（服务商：%2）</translation>
    </message>
    <message>
        <source>not paid</source>
        <translation>未支付</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>none known</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1 (%2 provider time)</source>
        <translation>%1（服务商时间 %2）</translation>
    </message>
    <message>
        <source>Can be cancelled.</source>
        <translation>可以取消。</translation>
    </message>
    <message>
        <source>Last synced %1 — stale, refresh before deciding</source>
        <translation>上次同步：%1 — 已过时，请先刷新再决定</translation>
    </message>
    <message>
        <source>Last synced %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <source>Last sync failed: %1</source>
        <translation>上次同步失败：%1</translation>
    </message>
    <message>
        <source>Can be cancelled. %1</source>
        <translation>可以取消。%1</translation>
    </message>
    <message>
        <source>Cannot be cancelled: %1</source>
        <translation>无法取消：%1</translation>
    </message>
    <message>
        <source>Provider fields (from the last status retrieval)</source>
        <translation>服务商字段（来自最近一次状态查询）</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Provider reported %1 after the confirmed cancel; %2 kept</source>
        <translation>取消已确认后服务商报告 %1；保留 %2</translation>
    </message>
    <message>
        <source>Conflict reviewed; %1 kept</source>
        <translation>冲突已复核；保留 %1</translation>
    </message>
    <message>
        <source>First status: %1</source>
        <translation>初始状态：%1</translation>
    </message>
    <message>
        <source>%1 (provider: %2 → %3)</source>
        <translation>%1（服务商：%2 → %3）</translation>
    </message>
    <message>
        <source>Provider status: %1</source>
        <translation>服务商状态：%1</translation>
    </message>
    <message>
        <source>Provider status: %1 → %2</source>
        <translation>服务商状态：%1 → %2</translation>
    </message>
    <message>
        <source>Confirmed: %1</source>
        <translation>已确认：%1</translation>
    </message>
    <message>
        <source>latest retrieval</source>
        <translation>最近一次查询</translation>
    </message>
    <message>
        <source>The provider reported the same status again (%1). Only changes are kept; this is the latest check.</source>
        <translation>服务商再次报告了相同的状态（%1）。历史只保留变化；这是最近一次查询。</translation>
    </message>
    <message>
        <source>Open Settings…</source>
        <translation>打开设置…</translation>
    </message>
    <message>
        <source>%1 is not configured: enter its credentials in Settings to refresh or cancel this order.</source>
        <translation>%1 未配置：请在设置中填写其凭据，才能刷新或取消此订单。</translation>
    </message>
    <message>
        <source>the last sync failed</source>
        <translation>上次同步失败</translation>
    </message>
    <message>
        <source>the status was last read %1</source>
        <translation>状态读取于%1</translation>
    </message>
    <message>
        <source>Status not confirmed — refresh first (%1). By the last status read it could be cancelled.</source>
        <translation>状态未确认——请先刷新（%1）。按上次读取的状态，此订单可以取消。</translation>
    </message>
    <message>
        <source>Status not confirmed — refresh first (%1). By the last status read it cannot be cancelled: %2</source>
        <translation>状态未确认——请先刷新（%1）。按上次读取的状态，此订单无法取消：%2</translation>
    </message>
    <message>
        <source>Provider fields</source>
        <translation>服务商字段</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::SyncDialog</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>The start must be before the end.</source>
        <translation>开始时间必须早于结束时间。</translation>
    </message>
    <message>
        <source>Sent to UQPAY as %1 to %2 UTC</source>
        <translation>发送给 UQPAY 的范围：%1 至 %2（UTC）</translation>
    </message>
    <message>
        <source>%L1 of %L2 payment intents done, %L3 failed</source>
        <translation>已处理 %L1/%L2 个支付意图，%L3 个失败</translation>
    </message>
    <message>
        <source>Asking UQPAY for the first page…</source>
        <translation>正在向 UQPAY 请求第一页…</translation>
    </message>
    <message>
        <source>Stopped before UQPAY answered: nothing was stored.</source>
        <translation>已在 UQPAY 应答前停止：未保存任何数据。</translation>
    </message>
    <message numerus="yes">
        <source>Stopped: %Ln payment intent(s) stored.</source>
        <translation>
            <numerusform>已停止：已保存 %Ln 个支付意图。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sync finished: %Ln payment intent(s) stored.</source>
        <translation>
            <numerusform>同步完成：已保存 %Ln 个支付意图。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln payment intent(s) could not be stored (see below).</source>
        <translation>
            <numerusform>%Ln 个支付意图无法保存（见下文）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln order(s) contradict a confirmed cancel and need review.</source>
        <translation>
            <numerusform>%Ln 笔订单与已确认的取消存在冲突，需要人工复核。</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync UQPAY payment intents</source>
        <translation>同步 UQPAY 支付意图</translation>
    </message>
    <message>
        <source>Stores every UQPAY payment intent created in the range. Antom and Liquido have no list API: add their payments by ID or import them.</source>
        <translation>保存该时间范围内创建的所有 UQPAY 支付意图。Antom 和 Liquido 没有列表接口：请按支付 ID 添加或导入它们的支付。</translation>
    </message>
    <message>
        <source>UQPAY is not configured. Add its credentials in the settings first.</source>
        <translation>尚未配置 UQPAY。请先在设置中添加其凭据。</translation>
    </message>
    <message>
        <source>Created &amp;after:</source>
        <translation>创建时间晚于(&amp;A)：</translation>
    </message>
    <message>
        <source>Created &amp;before:</source>
        <translation>创建时间早于(&amp;B)：</translation>
    </message>
    <message>
        <source>Times are in your local time (%1). Both bounds are exclusive, as UQPAY documents: an intent created exactly at the start or the end is not included.</source>
        <translation>时间为您的本地时间（%1）。按照 UQPAY 文档，两个边界均不包含在内：恰好在开始或结束时间创建的支付意图不会被同步。</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>同步(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::TypedConfirmation</name>
    <message>
        <source>Typed confirmation is required for every cancel.</source>
        <translation>每次取消都需要键入确认。</translation>
    </message>
    <message>
        <source>Typed confirmation is required for amounts of %1 or more in each payment&apos;s own currency.</source>
        <translation>按各笔支付自身的币种计，金额达到 %1 或以上时需要键入确认。</translation>
    </message>
    <message>
        <source>Typed confirmation is required for amounts of %1 or more in the payment&apos;s currency.</source>
        <translation>按该支付的币种计，金额达到 %1 或以上时需要键入确认。</translation>
    </message>
    <message>
        <source>; </source>
        <comment>separator of a list of amounts</comment>
        <translation>；</translation>
    </message>
    <message>
        <source>Typed confirmation is required for amounts of %1 or more in each payment&apos;s own currency (here: %2).</source>
        <translation>按各笔支付自身的币种计，金额达到 %1 或以上时需要键入确认（此处：%2）。</translation>
    </message>
    <message>
        <source>Typed confirmation is required for amounts of %1 or more in the payment&apos;s currency (here: %2).</source>
        <translation>按该支付的币种计，金额达到 %1 或以上时需要键入确认（此处：%2）。</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::UserGuideWindow</name>
    <message>
        <source>CancelDesk user guide</source>
        <translation>取消台用户指南</translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::VerifyAgainstDialog</name>
    <message>
        <source>Verify against a kept head</source>
        <translation>对照保存的链头校验</translation>
    </message>
    <message>
        <source>Paste a head copied earlier (SEQ:HASH), or give the manifest an export wrote beside its file (FILE.manifest.json). The check fails unless that entry is still in the cancel log with the same hash and the whole log verifies.</source>
        <translation>粘贴先前复制的链头（SEQ:HASH），或指定导出时写在文件旁的清单（FILE.manifest.json）。除非该条目仍在取消日志中且哈希相同、并且整个日志校验通过，否则校验失败。</translation>
    </message>
    <message>
        <source>SEQ:HASH or the path of an export manifest</source>
        <translation>SEQ:HASH 或导出清单的路径</translation>
    </message>
    <message>
        <source>&amp;Choose manifest…</source>
        <translation>选择清单(&amp;C)…</translation>
    </message>
    <message>
        <source>Choose an export manifest</source>
        <translation>选择导出清单</translation>
    </message>
    <message>
        <source>Export manifests (*.manifest.json)</source>
        <translation>导出清单 (*.manifest.json)</translation>
    </message>
    <message numerus="yes">
        <source>Export of %1 (%n row(s)), written %2 UTC; head %3.</source>
        <translation>
            <numerusform>%1 的导出（%n 行），写于 %2 UTC；链头 %3。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not a head (SEQ:HASH, the entry number and its 64 hex digit hash) nor an export manifest.</source>
        <translation>既不是链头（SEQ:HASH，即条目序号及其 64 位十六进制哈希），也不是导出清单。</translation>
    </message>
    <message>
        <source>Kept head or manifest file</source>
        <translation>保存的链头或清单文件</translation>
    </message>
</context>
<context>
    <name>CancelJournal</name>
    <message>
        <source>Prepared</source>
        <translation>已准备</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Confirming</source>
        <translation>确认中</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>已成功</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Unresolved (outcome unknown)</source>
        <translation>未决（结果未知）</translation>
    </message>
    <message>
        <source>Payment %1 already has a cancel in progress (attempt %2, %3). It was not sent again.</source>
        <translation>支付 %1 已有一个正在进行的取消（尝试 %2，%3），本次未重复发送。</translation>
    </message>
    <message>
        <source>The idempotency key is already used by another attempt.</source>
        <translation>该幂等键已被另一次尝试使用。</translation>
    </message>
    <message>
        <source>The payment ID is missing.</source>
        <translation>缺少支付 ID。</translation>
    </message>
    <message>
        <source>The operator&apos;s name is missing.</source>
        <translation>缺少操作员姓名。</translation>
    </message>
    <message>
        <source>The amount is not valid.</source>
        <translation>金额无效。</translation>
    </message>
    <message>
        <source>Unknown environment &quot;%1&quot;.</source>
        <translation>未知的环境“%1”。</translation>
    </message>
    <message>
        <source>A new cancel attempt must start as PREPARED.</source>
        <translation>新的取消尝试必须以“已准备”（PREPARED）状态开始。</translation>
    </message>
    <message>
        <source>Cancel attempt %1 not found.</source>
        <translation>找不到取消尝试 %1。</translation>
    </message>
    <message>
        <source>Cancel attempt %1 is final (%2) and cannot change.</source>
        <translation>取消尝试 %1 已处于终态（%2），不能再更改。</translation>
    </message>
    <message>
        <source>The %1 of cancel attempt %2 cannot change.</source>
        <translation>取消尝试 %2 的 %1 不能更改。</translation>
    </message>
    <message>
        <source>Cancel attempt %1 was already sent; it cannot go back to PREPARED.</source>
        <translation>取消尝试 %1 已发送，不能回到“已准备”状态。</translation>
    </message>
    <message>
        <source>Cancel attempt %1 is handled by another process (%2, process %3).</source>
        <translation>取消尝试 %1 正由另一个进程处理（%2，进程 %3）。</translation>
    </message>
    <message>
        <source>Cannot read the journal: %1</source>
        <translation>无法读取取消日志：%1</translation>
    </message>
    <message>
        <source>Entry %1 comes where entry %2 should be: entries are missing or out of order.</source>
        <translation>条目 %1 出现在条目 %2 应在的位置：有条目缺失或顺序被打乱。</translation>
    </message>
    <message>
        <source>Entry %1 does not follow the entry before it: its previous hash does not match.</source>
        <translation>条目 %1 与前一条目不衔接：其前序哈希不匹配。</translation>
    </message>
    <message>
        <source>Entry %1 was altered: its hash does not match its content.</source>
        <translation>条目 %1 已被篡改：其哈希与内容不符。</translation>
    </message>
    <message>
        <source>Cancel attempt %1 has no journal entry.</source>
        <translation>取消尝试 %1 没有日志条目。</translation>
    </message>
    <message>
        <source>Journal entry %1, the latest of cancel attempt %2, is missing.</source>
        <translation>取消尝试 %2 的最新日志条目 %1 缺失。</translation>
    </message>
    <message>
        <source>Cancel attempt %1 points to journal entry %2, but its latest entry is %3.</source>
        <translation>取消尝试 %1 指向日志条目 %2，但其最新条目是 %3。</translation>
    </message>
    <message>
        <source>Cancel attempt %1 does not carry the hash of its latest journal entry %2.</source>
        <translation>取消尝试 %1 记录的哈希与其最新日志条目 %2 不符。</translation>
    </message>
    <message>
        <source>Cancel attempt %1 differs from its latest journal entry %2 in %3.</source>
        <translation>取消尝试 %1 的 %3 与其最新日志条目 %2 不一致。</translation>
    </message>
    <message>
        <source>Entry %1 belongs to cancel attempt %2, which does not exist.</source>
        <translation>条目 %1 属于不存在的取消尝试 %2。</translation>
    </message>
    <message>
        <source>A reconciled cancel attempt ends SUCCEEDED or REJECTED, not %1.</source>
        <translation>对账后的取消尝试只能以 SUCCEEDED 或 REJECTED 结束，不能是 %1。</translation>
    </message>
    <message>
        <source>Only an unresolved cancel attempt can be reconciled; attempt %1 is %2.</source>
        <translation>只有未决的取消尝试才能对账；取消尝试 %1 的状态是 %2。</translation>
    </message>
    <message>
        <source>Cancel attempt %1 was handed over to recovery; this process no longer handles it.</source>
        <translation>取消尝试 %1 已交由恢复流程处理；本进程不再处理它。</translation>
    </message>
    <message>
        <source>Cancel attempt %1 is still being handled: its owner renewed its lease.</source>
        <translation>取消尝试 %1 仍在处理中：其所属进程已续租。</translation>
    </message>
    <message>
        <source>Only an unresolved cancel attempt can be retried; attempt %1 is %2.</source>
        <translation>只有未决的取消尝试才能重试；尝试 %1 的状态为 %2。</translation>
    </message>
    <message>
        <source>Entry %1 is missing: the cancel log ends at entry %2, so entries were removed after the expected head was taken.</source>
        <translation>条目 %1 缺失：取消日志止于条目 %2，说明在记下预期链头之后有条目被删除。</translation>
    </message>
    <message>
        <source>Entry %1&apos;s hash differs from the expected head: the cancel log was rewritten up to or at this entry.</source>
        <translation>条目 %1 的哈希与预期链头不符：取消日志在此条目或其之前已被改写。</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>审批未通过</translation>
    </message>
    <message>
        <source>Expired (not approved in time)</source>
        <translation>已过期（未及时审批）</translation>
    </message>
    <message>
        <source>Cancel attempt %1 is awaiting approval: nothing was sent, and it can only be approved, declined or lapse.</source>
        <translation>取消尝试 %1 正在等待审批：尚未发送任何请求，只能被批准、拒绝或过期。</translation>
    </message>
    <message>
        <source>Cancel attempt %1 cannot be recorded as %2.</source>
        <translation>取消尝试 %1 不能记录为 %2。</translation>
    </message>
    <message>
        <source>Entry %1 was altered: it is older than its column %2, which holds a value.</source>
        <translation>条目 %1 已被篡改：它早于列 %2 出现，该列却有值。</translation>
    </message>
    <message>
        <source>Declining a cancel needs a note for the requester.</source>
        <translation>拒绝取消时需要给申请人写一条备注。</translation>
    </message>
    <message>
        <source>The approver&apos;s name is missing.</source>
        <translation>缺少审批人姓名。</translation>
    </message>
    <message>
        <source>Cancel attempt %1 is not awaiting approval (it is %2).</source>
        <translation>取消尝试 %1 不在等待审批（当前为 %2）。</translation>
    </message>
    <message>
        <source>%1 requested this cancel and cannot approve or decline it: another person must.</source>
        <translation>%1 是此取消的申请人，不能自行批准或拒绝：须由另一人处理。</translation>
    </message>
    <message>
        <source>The approval request for cancel attempt %1 has lapsed.</source>
        <translation>取消尝试 %1 的审批请求已过期。</translation>
    </message>
    <message>
        <source>Cancel attempt %1 has not lapsed.</source>
        <translation>取消尝试 %1 尚未过期。</translation>
    </message>
</context>
<context>
    <name>CancelOutcome</name>
    <message>
        <source>Cancel attempt #%1 is in the cancel log.</source>
        <translation>取消尝试 #%1 已记入取消日志。</translation>
    </message>
    <message>
        <source>Environment: %1</source>
        <translation>环境：%1</translation>
    </message>
    <message>
        <source>Written to the cancel log; sending to %1…</source>
        <translation>已写入取消日志；正在发送至 %1…</translation>
    </message>
    <message>
        <source>Sent to %1; waiting for its answer…</source>
        <translation>已发送至 %1；正在等待答复…</translation>
    </message>
    <message>
        <source>%1 accepted the cancel; waiting for it to become final…</source>
        <translation>%1 已受理取消；正在等待终态…</translation>
    </message>
    <message>
        <source>State: %1. %2</source>
        <translation>状态：%1。%2</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>Another cancel of this payment is in progress. Do not cancel it again.</source>
        <translation>此支付的另一次取消正在进行中。请勿再次取消。</translation>
    </message>
    <message>
        <source>Cancelled — %1 confirms the payment is cancelled</source>
        <translation>已取消 — %1 确认该支付已取消</translation>
    </message>
    <message>
        <source>Rejected by %1</source>
        <translation>被 %1 拒绝</translation>
    </message>
    <message>
        <source>Not sent — %1 was not contacted</source>
        <translation>未发送 — 未联系 %1</translation>
    </message>
    <message>
        <source>Outcome unknown (unresolved)</source>
        <translation>未决（结果未知）</translation>
    </message>
    <message>
        <source>Outcome unknown — do not make a new cancel of this payment. A status refresh reconciles it; pressing Cancel again retries this same attempt with the same key, never a second cancel.</source>
        <translation>结果未知——请勿对此支付发起新的取消。刷新状态即可核对结果；再次点击取消将以相同的幂等键重试这同一次尝试，绝不会发起第二次取消。</translation>
    </message>
    <message>
        <source>Requests sent with the same idempotency key: %1</source>
        <translation>使用同一幂等键发送的请求次数：%1</translation>
    </message>
    <message>
        <source>Last answer: %1</source>
        <translation>最后答复：%1</translation>
    </message>
    <message>
        <source>Waiting for approval — nothing was sent</source>
        <translation>等待审批——尚未发送任何请求</translation>
    </message>
    <message>
        <source>Declined — nothing was sent</source>
        <translation>审批未通过——未发送任何请求</translation>
    </message>
    <message>
        <source>Not approved in time — nothing was sent</source>
        <translation>未及时审批——未发送任何请求</translation>
    </message>
    <message>
        <source>Outcome not known yet — do not cancel this payment again</source>
        <translation>结果尚未确定 — 请勿再次取消此支付</translation>
    </message>
    <message>
        <source>Provider code: %1</source>
        <translation>服务商代码：%1</translation>
    </message>
    <message>
        <source>Provider message: %1</source>
        <translation>服务商消息：%1</translation>
    </message>
    <message>
        <source>HTTP status: %1</source>
        <translation>HTTP 状态：%1</translation>
    </message>
</context>
<context>
    <name>CancelPolicy</name>
    <message>
        <source>The payment is already cancelled.</source>
        <translation>该支付已取消。</translation>
    </message>
    <message>
        <source>The payment failed, so there is nothing to cancel.</source>
        <translation>该支付已失败，无需取消。</translation>
    </message>
    <message>
        <source>The payment&apos;s status is not known, so the cancel window cannot be checked.</source>
        <translation>该支付的状态未知，无法判断取消期限。</translation>
    </message>
    <message>
        <source>The provider reported a status that contradicts a confirmed cancel.</source>
        <translation>服务商返回的状态与已确认的取消冲突。</translation>
    </message>
    <message>
        <source>The provider does not allow cancelling payments made with this method.</source>
        <translation>服务商不允许取消使用此支付方式的支付。</translation>
    </message>
    <message>
        <source>The payment cannot be cancelled in its current status.</source>
        <translation>该支付在当前状态下无法取消。</translation>
    </message>
    <message>
        <source>The cancel window has closed.</source>
        <translation>取消期限已过。</translation>
    </message>
    <message>
        <source>A refund has already been made, and the provider refuses to cancel a refunded payment.</source>
        <translation>该支付已发生退款，服务商不接受对已退款支付的取消。</translation>
    </message>
    <message>
        <source>The payment has been charged back by the payer&apos;s bank.</source>
        <translation>付款方的银行已对该支付发起拒付。</translation>
    </message>
    <message>
        <source>Nothing more needs doing.</source>
        <translation>无需进一步操作。</translation>
    </message>
    <message>
        <source>Refund the payment instead.</source>
        <translation>请改为退款。</translation>
    </message>
    <message>
        <source>Refresh the status from the provider, then decide again.</source>
        <translation>请先从服务商刷新状态，再重新判断。</translation>
    </message>
    <message>
        <source>Contact the provider&apos;s support.</source>
        <translation>请联系服务商客服。</translation>
    </message>
    <message>
        <source>Review the conflict and the provider&apos;s records before doing anything else.</source>
        <translation>请先核查冲突及服务商的记录，再进行其他操作。</translation>
    </message>
    <message>
        <source>Wait for the provider&apos;s final result, then refresh the status.</source>
        <translation>请等待服务商的最终结果，然后刷新状态。</translation>
    </message>
    <message>
        <source>The payment has already succeeded. Whether it can still be cancelled today depends on the payment channel; the provider may refuse.</source>
        <translation>该支付已成功。当天能否取消取决于支付渠道，服务商可能拒绝。</translation>
    </message>
    <message>
        <source>The payer has paid but the provider&apos;s final result is still awaited; the provider may refuse the cancel.</source>
        <translation>付款方已付款，但服务商的最终结果尚未返回；服务商可能拒绝取消。</translation>
    </message>
    <message>
        <source>Cancel rules (%1), provider &quot;%2&quot;, rule &quot;%3&quot;: %4</source>
        <translation>取消规则（%1），服务商“%2”，规则“%3”：%4</translation>
    </message>
    <message>
        <source>Cancel rules (%1), provider &quot;%2&quot;: %3</source>
        <translation>取消规则（%1），服务商“%2”：%3</translation>
    </message>
    <message>
        <source>Cancel rules (%1): %2</source>
        <translation>取消规则（%1）：%2</translation>
    </message>
    <message>
        <source>unknown key &quot;%1&quot;.</source>
        <translation>未知的键“%1”。</translation>
    </message>
    <message>
        <source>not valid JSON at character %1: %2.</source>
        <translation>第 %1 个字符处不是有效的 JSON：%2。</translation>
    </message>
    <message>
        <source>the document must be a JSON object.</source>
        <translation>文档必须是 JSON 对象。</translation>
    </message>
    <message>
        <source>&quot;version&quot; must be %1.</source>
        <translation>“version”必须为 %1。</translation>
    </message>
    <message>
        <source>&quot;providers&quot; must be an object.</source>
        <translation>“providers”必须是对象。</translation>
    </message>
    <message>
        <source>unknown provider.</source>
        <translation>未知的服务商。</translation>
    </message>
    <message>
        <source>must be an object.</source>
        <translation>必须是对象。</translation>
    </message>
    <message>
        <source>&quot;timezone&quot; is missing.</source>
        <translation>缺少“timezone”。</translation>
    </message>
    <message>
        <source>&quot;timezone&quot; is not a valid time zone: &quot;%1&quot;.</source>
        <translation>“timezone”不是有效的时区：“%1”。</translation>
    </message>
    <message>
        <source>&quot;blocked&quot; must be a list.</source>
        <translation>“blocked”必须是列表。</translation>
    </message>
    <message>
        <source>each entry of &quot;blocked&quot; must be an object.</source>
        <translation>“blocked”的每一项都必须是对象。</translation>
    </message>
    <message>
        <source>&quot;rules&quot; is missing.</source>
        <translation>缺少“rules”。</translation>
    </message>
    <message>
        <source>&quot;rules&quot; must be a list.</source>
        <translation>“rules”必须是列表。</translation>
    </message>
    <message>
        <source>each rule must be an object.</source>
        <translation>每条规则都必须是对象。</translation>
    </message>
    <message>
        <source>a rule without an &quot;id&quot;.</source>
        <translation>有一条规则缺少“id”。</translation>
    </message>
    <message>
        <source>the id is used twice.</source>
        <translation>该 id 被重复使用。</translation>
    </message>
    <message>
        <source>unknown flag &quot;%1&quot;.</source>
        <translation>未知的标记“%1”。</translation>
    </message>
    <message>
        <source>&quot;never&quot; must be true or false.</source>
        <translation>“never”必须为 true 或 false。</translation>
    </message>
    <message>
        <source>&quot;when&quot; must be a list (or the rule must say &quot;never&quot;: true).</source>
        <translation>“when”必须是列表（或者规则须写明 &quot;never&quot;: true）。</translation>
    </message>
    <message>
        <source>each entry of &quot;when&quot; must be an object.</source>
        <translation>“when”的每一项都必须是对象。</translation>
    </message>
    <message>
        <source>an entry of &quot;when&quot; needs &quot;statuses&quot; or &quot;raw_statuses&quot;.</source>
        <translation>“when”中的条目需要“statuses”或“raw_statuses”。</translation>
    </message>
    <message>
        <source>unknown status &quot;%1&quot;.</source>
        <translation>未知的状态“%1”。</translation>
    </message>
    <message>
        <source>unknown warning &quot;%1&quot;.</source>
        <translation>未知的警告“%1”。</translation>
    </message>
    <message>
        <source>&quot;deadline&quot; is missing or not an object.</source>
        <translation>“deadline”缺失或不是对象。</translation>
    </message>
    <message>
        <source>unknown &quot;cap&quot; &quot;%1&quot; (only &quot;auth_expiry&quot; is known).</source>
        <translation>未知的“cap”值“%1”（仅支持“auth_expiry”）。</translation>
    </message>
    <message>
        <source>&quot;time&quot; must be a time of day as HH:MM, not &quot;%1&quot;.</source>
        <translation>“time”必须是 HH:MM 格式的时刻，而不是“%1”。</translation>
    </message>
    <message>
        <source>&quot;day_offset&quot; must be a whole number of days from 0 to %1.</source>
        <translation>“day_offset”必须是 0 到 %1 之间的整数天数。</translation>
    </message>
    <message>
        <source>&quot;zone&quot; is not a valid time zone: &quot;%1&quot;.</source>
        <translation>“zone”不是有效的时区：“%1”。</translation>
    </message>
    <message>
        <source>unknown deadline kind &quot;%1&quot; (known: none, after_creation, after_payment, local_cutoff, method_deadline).</source>
        <translation>未知的截止时间类型“%1”（可用：none、after_creation、after_payment、local_cutoff、method_deadline）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number above 0 (and at most 400 days).</source>
        <translation>“%1”必须是大于 0 的整数（且不超过 400 天）。</translation>
    </message>
    <message>
        <source>a deadline after creation or payment needs exactly one of &quot;minutes&quot;, &quot;hours&quot; or &quot;days&quot;.</source>
        <translation>基于创建或支付时间的截止时间必须且只能指定“minutes”、“hours”或“days”之一。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a non-empty list of text.</source>
        <translation>“%1”必须是非空的文本列表。</translation>
    </message>
    <message>
        <source>unknown reason &quot;%1&quot;.</source>
        <translation>未知的原因“%1”。</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: unknown action &quot;%2&quot;.</source>
        <translation>“%1”：未知的操作“%2”。</translation>
    </message>
    <message>
        <source>defaults</source>
        <translation>默认规则</translation>
    </message>
    <message>
        <source>override</source>
        <translation>覆盖文件</translation>
    </message>
    <message>
        <source>The built-in cancel rules are missing (%1).</source>
        <translation>内置的取消规则缺失（%1）。</translation>
    </message>
    <message>
        <source>Cannot read the cancel rules override file %1: %2</source>
        <translation>无法读取取消规则覆盖文件 %1：%2</translation>
    </message>
    <message>
        <source>The cancel rules override file %1 is empty.</source>
        <translation>取消规则覆盖文件 %1 为空。</translation>
    </message>
    <message>
        <source>%1 (override file: %2)</source>
        <translation>%1（覆盖文件：%2）</translation>
    </message>
    <message>
        <source>the provider is missing.</source>
        <translation>缺少该服务商。</translation>
    </message>
</context>
<context>
    <name>CancelReason</name>
    <message>
        <source>Requested by customer</source>
        <translation>客户要求取消</translation>
    </message>
    <message>
        <source>Duplicate payment</source>
        <translation>重复支付</translation>
    </message>
    <message>
        <source>Fraudulent</source>
        <translation>欺诈交易</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>客户放弃支付</translation>
    </message>
    <message>
        <source>Other (note required)</source>
        <translation>其他（须填写备注）</translation>
    </message>
    <message>
        <source>A note is required when the reason is Other.</source>
        <translation>取消原因为“其他”时必须填写备注。</translation>
    </message>
    <message>
        <source>The note is longer than %1 characters.</source>
        <translation>备注超过了 %1 个字符。</translation>
    </message>
</context>
<context>
    <name>CancelService</name>
    <message>
        <source>Payment %1 cannot be cancelled: %2 %3</source>
        <translation>支付 %1 无法取消：%2%3</translation>
    </message>
    <message>
        <source>Payment %1 is cancelled.</source>
        <translation>支付 %1 已取消。</translation>
    </message>
    <message>
        <source>%1 is not configured correctly, so payment %2 was not cancelled and nothing was sent. Check the provider settings.</source>
        <translation>%1 配置不正确，因此支付 %2 未被取消，也未发送任何请求。请检查服务商设置。</translation>
    </message>
    <message>
        <source>The cancel of payment %1 was stopped before it was sent.</source>
        <translation>支付 %1 的取消在发送前已停止。</translation>
    </message>
    <message>
        <source>%1 refused to cancel payment %2 (%3).</source>
        <translation>%1 拒绝取消支付 %2（%3）。</translation>
    </message>
    <message>
        <source>The outcome of cancelling payment %1 is unknown. Do not cancel it again; it will be reconciled.</source>
        <translation>支付 %1 的取消结果未知。请勿再次取消，系统将对其进行对账。</translation>
    </message>
    <message>
        <source>The cancel of payment %1 was interrupted; it will be resumed with the same key when CancelDesk starts again.</source>
        <translation>支付 %1 的取消已中断；取消台再次启动时将使用同一幂等键继续。</translation>
    </message>
    <message>
        <source>The payment ID is missing.</source>
        <translation>缺少支付 ID。</translation>
    </message>
    <message>
        <source>The operator&apos;s name is missing.</source>
        <translation>缺少操作员姓名。</translation>
    </message>
    <message>
        <source>Payment %1 is not in the order list. Add or refresh it first.</source>
        <translation>支付 %1 不在订单列表中。请先添加或刷新。</translation>
    </message>
    <message>
        <source>%1 is not configured.</source>
        <translation>%1 尚未配置。</translation>
    </message>
    <message>
        <source>%1 is not configured, so the interrupted cancel of payment %2 cannot be resumed.</source>
        <translation>%1 尚未配置，因此无法继续支付 %2 已中断的取消。</translation>
    </message>
    <message>
        <source>The payment became %1 instead of cancelled.</source>
        <translation>该支付的状态变为“%1”，而不是“已取消”。</translation>
    </message>
    <message>
        <source>Stopped before anything was sent.</source>
        <translation>在发送任何请求之前已停止。</translation>
    </message>
    <message>
        <source>Stopped before it was sent.</source>
        <translation>在发送之前已停止。</translation>
    </message>
    <message>
        <source>Payment %1 was not cancelled and nothing was sent: the cancel log in %2 cannot be written. %3</source>
        <translation>支付 %1 未被取消，也未发送任何请求：无法写入 %2 中的取消日志。%3</translation>
    </message>
    <message>
        <source>The cancel log in %1 cannot be written, so the cancel of payment %2 was stopped; it will be resumed with the same key. %3</source>
        <translation>无法写入 %1 中的取消日志，因此已停止取消支付 %2；之后将使用同一幂等键继续。%3</translation>
    </message>
    <message>
        <source>%1 is not configured, so the earlier cancel of payment %2 cannot be retried. Nothing was sent.</source>
        <translation>%1 未配置，因此无法重试支付 %2 之前的取消。未发送任何内容。</translation>
    </message>
    <message>
        <source>The cancel of payment %1 may already have reached %2, but its outcome could not be learned: %3 The attempt stays open and will be resumed with the same key; do not cancel it again.</source>
        <translation>支付 %1 的取消可能已送达 %2，但无法获知其结果：%3 该尝试保持未完成状态，将以相同的幂等键继续；请勿再次取消。</translation>
    </message>
    <message>
        <source>This process stopped handling the cancel of payment %1: %2</source>
        <translation>本进程已停止处理支付 %1 的取消：%2</translation>
    </message>
    <message>
        <source>The cancel of payment %1 waits for a second person to approve it. Nothing was sent.</source>
        <translation>支付 %1 的取消正在等待另一人审批。尚未发送任何请求。</translation>
    </message>
    <message>
        <source>The cancel of payment %1 was declined. Nothing was sent.</source>
        <translation>支付 %1 的取消审批未通过。未发送任何请求。</translation>
    </message>
    <message>
        <source>The cancel of payment %1 was not approved in time. Nothing was sent.</source>
        <translation>支付 %1 的取消未在期限内获得审批。未发送任何请求。</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2：%3</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>The configuration file %1 does not exist.</source>
        <translation>配置文件 %1 不存在。</translation>
    </message>
    <message>
        <source>No provider is configured. For the sandbox, start canceldesk-sandbox, save its first output line to a file (mode 600) and name that file in CANCELDESK_SANDBOX_ANNOUNCEMENT or [general] sandbox_announcement.</source>
        <translation>未配置任何服务商。如需使用沙箱，请启动 canceldesk-sandbox，将其输出的第一行保存到一个文件中（权限 600），并在 CANCELDESK_SANDBOX_ANNOUNCEMENT 或 [general] sandbox_announcement 中指定该文件。</translation>
    </message>
    <message>
        <source>No provider is configured in %1.</source>
        <translation>%1 中未配置任何服务商。</translation>
    </message>
    <message>
        <source>--provider must be uqpay, antom or liquido.</source>
        <translation>--provider 必须为 uqpay、antom 或 liquido。</translation>
    </message>
    <message>
        <source>Usage: orders add --provider uqpay|antom|liquido --id PAYMENT_ID</source>
        <translation>用法：orders add --provider uqpay|antom|liquido --id PAYMENT_ID</translation>
    </message>
    <message>
        <source>The payment could not be added.</source>
        <translation>无法添加该支付。</translation>
    </message>
    <message>
        <source>Added %1 %2: %3 %4 %5</source>
        <translation>已添加 %1 %2：%3 %4 %5</translation>
    </message>
    <message>
        <source>orders list takes no arguments.</source>
        <translation>orders list 不接受参数。</translation>
    </message>
    <message>
        <source>--status must be one of PENDING, REQUIRES_ACTION, AUTHORIZED, SUCCEEDED, CANCELLED, FAILED, UNKNOWN.</source>
        <translation>--status 必须是以下之一：PENDING、REQUIRES_ACTION、AUTHORIZED、SUCCEEDED、CANCELLED、FAILED、UNKNOWN。</translation>
    </message>
    <message>
        <source>--format must be table, csv or json for orders list.</source>
        <translation>orders list 的 --format 必须为 table、csv 或 json。</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Payment ID</source>
        <translation>支付 ID</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>商户订单号</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Created (UTC)</source>
        <translation>创建时间（UTC）</translation>
    </message>
    <message>
        <source>Deadline (UTC)</source>
        <translation>截止时间（UTC）</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>共 %n 笔订单</numerusform>
        </translation>
    </message>
    <message>
        <source>Usage: orders import FILE</source>
        <translation>用法：orders import FILE</translation>
    </message>
    <message>
        <source>The file %1 does not exist.</source>
        <translation>文件 %1 不存在。</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>Imported %1 order(s), %2 unchanged, %3 row(s) with problems.</source>
        <translation>已导入 %1 笔订单，%2 笔未变更，%3 行有问题。</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were not imported.</source>
        <translation>
            <numerusform>%n 行未导入。</numerusform>
        </translation>
    </message>
    <message>
        <source>Usage: refresh PAYMENT_ID … or refresh --all</source>
        <translation>用法：refresh PAYMENT_ID … 或 refresh --all</translation>
    </message>
    <message>
        <source>Payment %1 is not in the local store; add it first with &quot;orders add&quot;.</source>
        <translation>支付 %1 不在本地存储中；请先用“orders add”添加。</translation>
    </message>
    <message>
        <source>Refreshed %1 of %2 order(s); %3 failed, %4 conflict(s).</source>
        <translation>已刷新 %2 笔订单中的 %1 笔；%3 笔失败，%4 处冲突。</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) could not be refreshed.</source>
        <translation>
            <numerusform>%n 笔订单未能刷新。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel payment %1 (%2 %3) at %4? Type yes to confirm: </source>
        <translation>确定要在 %4 取消支付 %1（%2 %3）吗？输入 yes 或“是”确认：</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Usage: cancel PAYMENT_ID --reason CODE [--note TEXT] [--provider P] [--yes]</source>
        <translation>用法：cancel PAYMENT_ID --reason CODE [--note TEXT] [--provider P] [--yes]</translation>
    </message>
    <message>
        <source>--reason must be one of: %1.</source>
        <translation>--reason 必须是以下之一：%1。</translation>
    </message>
    <message>
        <source>Payment %1 exists at several providers (%2); choose one with --provider.</source>
        <translation>支付 %1 存在于多个服务商（%2）；请用 --provider 指定其中一个。</translation>
    </message>
    <message>
        <source>Not cancelled: there is no terminal to confirm on. Pass --yes to cancel without asking.</source>
        <translation>未取消：没有可供确认的终端。如需不经确认直接取消，请加上 --yes。</translation>
    </message>
    <message>
        <source>Not cancelled.</source>
        <translation>未取消。</translation>
    </message>
    <message>
        <source>Usage: log export --out FILE [--format csv|xlsx|jsonl] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--no-bom]</source>
        <translation>用法：log export --out FILE [--format csv|xlsx|jsonl] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--no-bom]</translation>
    </message>
    <message>
        <source>--format must be csv, xlsx or jsonl for log export.</source>
        <translation>log export 的 --format 必须为 csv、xlsx 或 jsonl。</translation>
    </message>
    <message>
        <source>--%1 must be a date written YYYY-MM-DD.</source>
        <translation>--%1 必须是 YYYY-MM-DD 格式的日期。</translation>
    </message>
    <message>
        <source>--from is after --to.</source>
        <translation>--from 晚于 --to。</translation>
    </message>
    <message>
        <source>The export was stopped.</source>
        <translation>导出已停止。</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n cancel log entry(ies) to %1.</source>
        <translation>
            <numerusform>已将 %n 条取消日志导出到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>log verify takes no arguments.</source>
        <translation>log verify 不接受参数。</translation>
    </message>
    <message numerus="yes">
        <source>The cancel log is intact: %n entry(ies) checked.</source>
        <translation>
            <numerusform>取消日志完整：已校验 %n 个条目。</numerusform>
        </translation>
    </message>
    <message>
        <source>The cancel log has been altered: entry %1 (attempt %2): %3</source>
        <translation>取消日志已被篡改：条目 %1（取消尝试 %2）：%3</translation>
    </message>
    <message>
        <source>--lang must be en or zh_CN.</source>
        <translation>--lang 必须为 en 或 zh_CN。</translation>
    </message>
    <message>
        <source>Configuration file (default: %1).</source>
        <translation>配置文件（默认：%1）。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>Operator name recorded in the cancel log.</source>
        <translation>记入取消日志的操作员姓名。</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Language of messages: en or zh_CN.</source>
        <translation>消息语言：en 或 zh_CN。</translation>
    </message>
    <message>
        <source>LANG</source>
        <translation>LANG</translation>
    </message>
    <message>
        <source>Print one JSON object per command result.</source>
        <translation>每个命令结果输出一个 JSON 对象。</translation>
    </message>
    <message>
        <source>Provider: uqpay, antom or liquido.</source>
        <translation>服务商：uqpay、antom 或 liquido。</translation>
    </message>
    <message>
        <source>P</source>
        <translation>P</translation>
    </message>
    <message>
        <source>Payment ID (orders add).</source>
        <translation>支付 ID（orders add）。</translation>
    </message>
    <message>
        <source>PAYMENT_ID</source>
        <translation>PAYMENT_ID</translation>
    </message>
    <message>
        <source>Normalised status filter (orders list).</source>
        <translation>按标准化状态筛选（orders list）。</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>Output format: table|csv|json (orders list), csv|xlsx|jsonl (log export).</source>
        <translation>输出格式：table|csv|json（orders list），csv|xlsx|jsonl（log export）。</translation>
    </message>
    <message>
        <source>FORMAT</source>
        <translation>FORMAT</translation>
    </message>
    <message>
        <source>Refresh every order (refresh).</source>
        <translation>刷新所有订单（refresh）。</translation>
    </message>
    <message>
        <source>Cancel reason: requested_by_customer, duplicate, fraudulent, abandoned or other (other needs --note).</source>
        <translation>取消原因：requested_by_customer、duplicate、fraudulent、abandoned 或 other（other 须同时提供 --note）。</translation>
    </message>
    <message>
        <source>CODE</source>
        <translation>CODE</translation>
    </message>
    <message>
        <source>Note for the cancel log.</source>
        <translation>写入取消日志的备注。</translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation>TEXT</translation>
    </message>
    <message>
        <source>Cancel without asking for confirmation.</source>
        <translation>取消时不请求确认。</translation>
    </message>
    <message>
        <source>Export file (log export).</source>
        <translation>导出文件（log export）。</translation>
    </message>
    <message>
        <source>First day of the export, inclusive, in your time zone.</source>
        <translation>导出的起始日期（含当天），按您所在的时区计算。</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Write the CSV export without a UTF-8 byte order mark.</source>
        <translation>导出 CSV 时不写入 UTF-8 字节顺序标记（BOM）。</translation>
    </message>
    <message>
        <source>The command and its arguments.</source>
        <translation>命令及其参数。</translation>
    </message>
    <message>
        <source>COMMAND …</source>
        <translation>COMMAND …</translation>
    </message>
    <message>
        <source>Run canceldesk-cli --help for the commands.</source>
        <translation>运行 canceldesk-cli --help 查看可用命令。</translation>
    </message>
    <message>
        <source>No command given.</source>
        <translation>未指定命令。</translation>
    </message>
    <message>
        <source>Unknown command: %1</source>
        <translation>未知命令：%1</translation>
    </message>
    <message>
        <source>recover takes no arguments.</source>
        <translation>recover 不接受参数。</translation>
    </message>
    <message numerus="yes">
        <source>%n unfinished attempt(s) resumed.</source>
        <translation>
            <numerusform>已恢复 %n 个未完成的取消尝试。</numerusform>
        </translation>
    </message>
    <message>
        <source>Unfinished cancel attempts could not be resumed: %1</source>
        <translation>无法恢复未完成的取消尝试：%1</translation>
    </message>
    <message>
        <source>Resumed: %1</source>
        <translation>已恢复：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n unresolved cancel attempt(s) settled from the provider&apos;s status.</source>
        <translation>
            <numerusform>已根据服务商返回的状态确定 %n 个未决取消尝试的结果。</numerusform>
        </translation>
    </message>
    <message>
        <source>The status of %1 could not be refreshed (%2); deciding on the stored status.</source>
        <translation>无法刷新 %1 的状态（%2）；将依据已存储的状态判断。</translation>
    </message>
    <message>
        <source>Manifest with the cancel log&apos;s head: %1</source>
        <translation>含取消日志链头的清单：%1</translation>
    </message>
    <message>
        <source>log head takes no arguments.</source>
        <translation>log head 不接受参数。</translation>
    </message>
    <message>
        <source>Give --expect-head or --expect-manifest, not both.</source>
        <translation>请指定 --expect-head 或 --expect-manifest，不能同时指定。</translation>
    </message>
    <message>
        <source>--expect-head %1 is not SEQ:HASH: the entry number and its 64 hex digit hash, as log head prints it.</source>
        <translation>--expect-head %1 不是 SEQ:HASH 格式：应为条目序号及其 64 位十六进制哈希，与 log head 的输出相同。</translation>
    </message>
    <message>
        <source>Entry %1 is still there with the expected hash.</source>
        <translation>条目 %1 仍然存在，且哈希与预期相符。</translation>
    </message>
    <message>
        <source>A head kept earlier (log head) that log verify must still find.</source>
        <translation>先前保存的链头（log head），log verify 必须仍能找到它。</translation>
    </message>
    <message>
        <source>SEQ:HASH</source>
        <translation>SEQ:HASH</translation>
    </message>
    <message>
        <source>An export manifest whose head log verify must still find.</source>
        <translation>一份导出清单，log verify 必须仍能找到其中的链头。</translation>
    </message>
    <message>
        <source>The cancel log check was stopped before it finished: nothing was verified.</source>
        <translation>取消日志校验在完成前已停止：未校验任何内容。</translation>
    </message>
    <message>
        <source>--db: %1</source>
        <translation>--db：%1</translation>
    </message>
    <message>
        <source>Order and cancel log store: a SQLite file (default: %1, one per environment) or a team&apos;s postgresql://[user@]host[:port]/dbname URL.</source>
        <translation>订单与取消日志的存储：SQLite 文件（默认：%1，每个环境一个），或团队的 postgresql://[user@]host[:port]/dbname URL。</translation>
    </message>
    <message>
        <source>FILE|URL</source>
        <translation>FILE|URL</translation>
    </message>
    <message>
        <source>Approve cancel attempt %1: payment %2 (%3) at %4, requested by %5? Type yes to confirm: </source>
        <translation>批准取消尝试 %1：%4 的支付 %2（%3），申请人 %5？输入 yes 确认：</translation>
    </message>
    <message>
        <source>Usage: %1</source>
        <translation>用法：%1</translation>
    </message>
    <message>
        <source>This database is now a team store. Give each person&apos;s login one role with: team grant LOGIN operator|approver|auditor</source>
        <translation>此数据库现已成为团队存储。请用以下命令为每个人的登录名分配一个角色：team grant LOGIN operator|approver|auditor</translation>
    </message>
    <message>
        <source>%1 is now a CancelDesk %2.</source>
        <translation>%1 现在是 CancelDesk 的 %2。</translation>
    </message>
    <message>
        <source>No approval thresholds: no cancel waits for a second person.</source>
        <translation>未设置审批阈值：所有取消都无需第二人审批。</translation>
    </message>
    <message>
        <source>Cancels of %1 or more now need a second person&apos;s approval.</source>
        <translation>金额达到 %1 及以上的取消现在需要第二人审批。</translation>
    </message>
    <message>
        <source>Cancels in %1 no longer need approval.</source>
        <translation>%1 币种的取消不再需要审批。</translation>
    </message>
    <message>
        <source>#%1  %2 %3  %4  requested by %5 at %6, lapses at %7</source>
        <translation>#%1  %2 %3  %4  由 %5 于 %6 申请，%7 过期</translation>
    </message>
    <message numerus="yes">
        <source>%n cancel(s) awaiting approval.</source>
        <translation>
            <numerusform>%n 笔取消等待审批。</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no cancel attempt %1.</source>
        <translation>不存在取消尝试 %1。</translation>
    </message>
    <message>
        <source>Not approved: there is no terminal to confirm on. Pass --yes to approve without asking.</source>
        <translation>未批准：没有可供确认的终端。传入 --yes 可不经询问直接批准。</translation>
    </message>
    <message>
        <source>Not approved.</source>
        <translation>未批准。</translation>
    </message>
    <message>
        <source>Declined cancel attempt %1 (payment %2). Nothing was sent.</source>
        <translation>已拒绝取消尝试 %1（支付 %2）。未发送任何请求。</translation>
    </message>
    <message>
        <source>Last day of the export, inclusive, in your time zone (log export); the empty store to copy into, a postgresql:// URL or a SQLite file (db copy).</source>
        <translation>导出的结束日期（含当天），按您所在的时区计算（log export）；要复制到的空存储：postgresql:// URL 或 SQLite 文件（db copy）。</translation>
    </message>
    <message>
        <source>YYYY-MM-DD|URL</source>
        <translation>YYYY-MM-DD|URL</translation>
    </message>
    <message>
        <source>Usage: db copy --to URL (a postgresql:// URL of an empty team database, or a SQLite file)</source>
        <translation>用法：db copy --to URL（空的团队数据库的 postgresql:// URL，或一个 SQLite 文件）</translation>
    </message>
    <message>
        <source>--to names the store being copied: give another one.</source>
        <translation>--to 指定的正是要复制的存储：请指定另一个。</translation>
    </message>
    <message>
        <source>The store to copy into (%1) cannot be opened: %2</source>
        <translation>无法打开目标存储（%1）：%2</translation>
    </message>
    <message>
        <source>Copied %1 orders, %2 status changes, %3 cancel attempts, %4 journal entries and %5 approval thresholds; the copied cancel log verifies and its head %6 matches the source&apos;s.</source>
        <translation>已复制 %1 个订单、%2 条状态变更、%3 次取消尝试、%4 个日志条目和 %5 个审批阈值；复制后的取消日志校验通过，其链头 %6 与源一致。</translation>
    </message>
    <message>
        <source>CancelDesk on the command line: add, refresh and cancel payments at UQPAY, Antom and Liquido; export and verify the cancel log.

Commands:
  orders add --provider uqpay|antom|liquido --id PAYMENT_ID
  orders import FILE                      (.csv or .json)
  orders list [--provider P] [--status S] [--format table|csv|json]
  refresh [PAYMENT_ID ...] [--all]
  cancel PAYMENT_ID --reason CODE [--note TEXT] [--provider P] [--yes]
  recover
  log export --out FILE [--format csv|xlsx|jsonl] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--no-bom]
  log verify [--expect-head SEQ:HASH | --expect-manifest FILE]
  log head
  team init
  team grant LOGIN operator|approver|auditor
  team threshold [CURRENCY AMOUNT|none]
  approvals list
  approve ATTEMPT_ID [--yes]
  decline ATTEMPT_ID --note TEXT
  db copy --to URL                        (this store into an empty team database)

Every command first resumes unfinished cancel attempts; recover does only that.
log head prints the cancel log&apos;s head as SEQ:HASH (with --json: {&quot;seq&quot;: N, &quot;hash&quot;: &quot;…&quot;}); every log export writes FILE.manifest.json beside FILE with that head, the row count and the file&apos;s SHA-256. Keep either: log verify --expect-head SEQ:HASH or --expect-manifest FILE fails (exit 6) unless that entry is still there with that hash and the whole log verifies.
Exit codes: 0 success (cancel: confirmed), 2 usage error or bad input, 3 cancel refused (by the provider, or locally as ineligible: nothing sent), 4 outcome unknown (UNRESOLVED), 5 network, configuration, authentication or protocol error, 6 cancel log verification failed, 7 awaiting approval (team mode: recorded, nothing sent until a second person approves), 8 not permitted (the database role lacks the right, or four eyes forbid it).

Sandbox: in the sandbox environment with no provider configured, the CLI talks to a running canceldesk-sandbox. Start it (canceldesk-sandbox --port 0 --state-dir DIR), save its first output line to a file readable only by you (chmod 600), and name that file in the environment variable CANCELDESK_SANDBOX_ANNOUNCEMENT or in [general] sandbox_announcement= of the config file.</source>
        <translation>取消台命令行工具：在 UQPAY、Antom 和 Liquido 添加、刷新和取消支付；导出并校验取消日志。

命令：
  orders add --provider uqpay|antom|liquido --id PAYMENT_ID
  orders import FILE                      (.csv 或 .json)
  orders list [--provider P] [--status S] [--format table|csv|json]
  refresh [PAYMENT_ID ...] [--all]
  cancel PAYMENT_ID --reason CODE [--note TEXT] [--provider P] [--yes]
  recover
  log export --out FILE [--format csv|xlsx|jsonl] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--no-bom]
  log verify [--expect-head SEQ:HASH | --expect-manifest FILE]
  log head
  team init
  team grant LOGIN operator|approver|auditor
  team threshold [CURRENCY AMOUNT|none]
  approvals list
  approve ATTEMPT_ID [--yes]
  decline ATTEMPT_ID --note TEXT
  db copy --to URL                        （将本存储复制到空的团队数据库）

每个命令都会先恢复未完成的取消尝试；recover 只执行这一步。
log head 以 SEQ:HASH 的形式输出取消日志的链头（使用 --json 时为 {&quot;seq&quot;: N, &quot;hash&quot;: &quot;…&quot;}）；每次 log export 都会在 FILE 旁写入 FILE.manifest.json，其中包含该链头、行数和该文件的 SHA-256。请妥善保存其中之一：除非该条目仍然存在且哈希相同、并且整个日志校验通过，否则 log verify --expect-head SEQ:HASH 或 --expect-manifest FILE 会失败（退出码 6）。
退出码：0 成功（cancel：取消已确认）；2 用法错误或输入有误；3 取消被拒绝（被服务商拒绝，或在本地判定为不符合取消条件：未发送任何请求）；4 结果未知（UNRESOLVED）；5 网络、配置、认证或协议错误；6 取消日志校验失败；7 等待审批（团队模式：已记录，在另一人批准之前不会发送任何请求）；8 无权执行（数据库角色没有该权限，或双人复核规则不允许）。

沙箱：在沙箱环境中且未配置任何服务商时，CLI 会连接正在运行的 canceldesk-sandbox。请先启动它（canceldesk-sandbox --port 0 --state-dir DIR），将其输出的第一行保存到仅您本人可读的文件中（chmod 600），然后在环境变量 CANCELDESK_SANDBOX_ANNOUNCEMENT 或配置文件的 [general] sandbox_announcement= 中指定该文件。</translation>
    </message>
</context>
<context>
    <name>Config</name>
    <message>
        <source>The file %1 holds a secret but other users may read it. Run: chmod 600 %1</source>
        <translation>文件 %1 包含密钥，但其他用户可能读取该文件。请运行：chmod 600 %1</translation>
    </message>
    <message>
        <source>%1: [%2] %3 must be a whole number from %4 to %5.</source>
        <translation>%1：[%2] %3 必须是 %4 到 %5 之间的整数。</translation>
    </message>
    <message>
        <source>%1: [%2] %3 must be true or false.</source>
        <translation>%1：[%2] %3 必须为 true 或 false。</translation>
    </message>
    <message>
        <source>%1: [%2] %3 is not a valid http(s) URL.</source>
        <translation>%1：[%2] %3 不是有效的 http(s) URL。</translation>
    </message>
    <message>
        <source>%1: [%2] %3 must use https (plain http is allowed only to this computer).</source>
        <translation>%1：[%2] %3 必须使用 https（仅连接本机时允许使用普通 http）。</translation>
    </message>
    <message>
        <source>%1: [%2] %3: the file %4 cannot be read.</source>
        <translation>%1：[%2] %3：无法读取文件 %4。</translation>
    </message>
    <message>
        <source>%1: [%2] %3 is required.</source>
        <translation>%1：[%2] %3 为必填项。</translation>
    </message>
    <message>
        <source>%1: [uqpay] timezone must be UTC, an offset like +08:00, or a zone name like Asia/Shanghai.</source>
        <translation>%1：[uqpay] timezone 必须为 UTC、+08:00 这样的时差偏移，或 Asia/Shanghai 这样的时区名称。</translation>
    </message>
    <message>
        <source>%1: [uqpay] set api_key or api_key_file, not both.</source>
        <translation>%1：[uqpay] 请设置 api_key 或 api_key_file 其中之一，不能同时设置。</translation>
    </message>
    <message>
        <source>%1: [antom] private_key_file: %2 is not a usable RSA private key (%3)</source>
        <translation>%1：[antom] private_key_file：%2 不是可用的 RSA 私钥（%3）</translation>
    </message>
    <message>
        <source>%1: [antom] antom_public_key_file: %2 is not a usable RSA public key (%3)</source>
        <translation>%1：[antom] antom_public_key_file：%2 不是可用的 RSA 公钥（%3）</translation>
    </message>
    <message>
        <source>The configuration file %1 cannot be read.</source>
        <translation>无法读取配置文件 %1。</translation>
    </message>
    <message>
        <source>The configuration file %1 is not a valid INI file.</source>
        <translation>配置文件 %1 不是有效的 INI 文件。</translation>
    </message>
    <message>
        <source>%1: [general] environment must be sandbox, test or production.</source>
        <translation>%1：[general] environment 必须为 sandbox、test 或 production。</translation>
    </message>
    <message>
        <source>The sandbox announcement file %1 cannot be read.</source>
        <translation>无法读取沙箱公告文件 %1。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: [antom] antom_public_key_file is required in the production environment: without Antom&apos;s public key, forged answers would be trusted.</source>
        <translation>%1：[antom] 生产环境必须设置 antom_public_key_file：没有 Antom 公钥，伪造的应答也会被信任。</translation>
    </message>
    <message>
        <source>%1: [antom] antom_public_key_file is not set: Antom&apos;s answers are not verified. This is allowed only outside production.</source>
        <translation>%1：[antom] 未设置 antom_public_key_file：不会验证 Antom 应答的签名。仅在生产环境以外允许这样做。</translation>
    </message>
    <message>
        <source>The file %1 cannot be read: %2</source>
        <translation>无法读取文件 %1：%2</translation>
    </message>
    <message>
        <source>it is not a regular file</source>
        <translation>它不是普通文件</translation>
    </message>
    <message>
        <source>The file %1 belongs to another user, who could change what CancelDesk does. Use a file of your own (copy it, or run: chown $USER %1).</source>
        <translation>文件 %1 属于其他用户，该用户可以改变取消台的行为。请使用您自己的文件（复制一份，或运行：chown $USER %1）。</translation>
    </message>
    <message>
        <source>The file %1 may be changed by other users, and it decides what CancelDesk does (such as where keys are sent). Run: chmod go-w %1</source>
        <translation>其他用户可能修改文件 %1，而它决定取消台的行为（例如密钥发往何处）。请运行：chmod go-w %1</translation>
    </message>
    <message>
        <source>%1: [database] %2 is not allowed: a database password is never read from the settings file. Give it in the PGPASSWORD environment variable, in ~/.pgpass (mode 0600) or in the OS keychain.</source>
        <translation>%1：不允许使用 [database] %2：数据库密码从不从配置文件读取。请通过环境变量 PGPASSWORD、~/.pgpass（权限 0600）或系统钥匙串提供密码。</translation>
    </message>
    <message>
        <source>%1: [database] url: %2</source>
        <translation>%1：[database] url：%2</translation>
    </message>
</context>
<context>
    <name>ConnectionCheck</name>
    <message>
        <source>not configured</source>
        <translation>未配置</translation>
    </message>
    <message>
        <source>configured, not contacted yet</source>
        <translation>已配置，尚未连接</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>检查中…</translation>
    </message>
    <message>
        <source>reachable</source>
        <translation>可连接</translation>
    </message>
    <message>
        <source>credentials refused</source>
        <translation>凭据被拒绝</translation>
    </message>
    <message>
        <source>settings unusable</source>
        <translation>设置无法使用</translation>
    </message>
    <message>
        <source>not reachable</source>
        <translation>无法连接</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>Unknown database schema version %1.</source>
        <translation>未知的数据库结构版本 %1。</translation>
    </message>
    <message>
        <source>The database is busy: another CancelDesk window or command is writing to it. Try again in a moment.</source>
        <translation>数据库正忙：另一个取消台窗口或命令正在写入。请稍后再试。</translation>
    </message>
    <message>
        <source>The file is not a CancelDesk database, or it is damaged.</source>
        <translation>该文件不是取消台数据库，或已损坏。</translation>
    </message>
    <message>
        <source>Database error: %1</source>
        <translation>数据库错误：%1</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation>无法打开数据库 %1：%2</translation>
    </message>
    <message>
        <source>The program&apos;s database migrations are broken (%1).</source>
        <translation>程序内置的数据库迁移脚本有误（%1）。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>Cannot read the database %1: %2</source>
        <translation>无法读取数据库 %1：%2</translation>
    </message>
    <message>
        <source>The database %1 was written by a newer CancelDesk (schema version %2; this program knows up to %3). Use a newer CancelDesk, or another database file.</source>
        <translation>数据库 %1 由更新版本的取消台写入（结构版本 %2；本程序最高支持 %3）。请使用更新版本的取消台，或换用其他数据库文件。</translation>
    </message>
    <message>
        <source>The database %1 is already at schema version %2, past %3.</source>
        <translation>数据库 %1 已处于结构版本 %2，高于 %3。</translation>
    </message>
    <message>
        <source>Cannot upgrade the database %1 to schema version %2: %3</source>
        <translation>无法将数据库 %1 升级到结构版本 %2：%3</translation>
    </message>
    <message>
        <source>The database is read-only: CancelDesk cannot write to it. Check the permissions of the file and of its folder.</source>
        <translation>数据库为只读：取消台无法写入。请检查该文件及其所在文件夹的权限。</translation>
    </message>
    <message>
        <source>The disk is full: the database cannot grow, so nothing was written. Free some space and try again.</source>
        <translation>磁盘已满：数据库无法增长，因此未写入任何内容。请释放一些空间后重试。</translation>
    </message>
    <message>
        <source>The database file cannot be opened. Check that it and its folder exist and are writable (a read-only folder cannot hold the database&apos;s -wal and -shm files).</source>
        <translation>无法打开数据库文件。请检查该文件及其所在文件夹是否存在且可写（只读文件夹无法存放数据库的 -wal 和 -shm 文件）。</translation>
    </message>
    <message>
        <source>The password file %1 is not a private file (it must have mode 0600): CancelDesk does not use it. Run: chmod 600 %1</source>
        <translation>密码文件 %1 不是私有文件（权限必须为 0600）：取消台不会使用它。请运行：chmod 600 %1</translation>
    </message>
    <message>
        <source>Team mode needs Qt&apos;s PostgreSQL driver, which is not installed (Debian: libqt6sql6-psql).</source>
        <translation>团队模式需要 Qt 的 PostgreSQL 驱动，但尚未安装（Debian：libqt6sql6-psql）。</translation>
    </message>
    <message>
        <source>Cannot create the schema in %1: %2</source>
        <translation>无法在 %1 中创建数据库结构：%2</translation>
    </message>
    <message>
        <source>The team database is busy: another CancelDesk is writing to it. Try again in a moment.</source>
        <translation>团队数据库正忙：另一个取消台正在写入。请稍后再试。</translation>
    </message>
    <message>
        <source>The connection to the team database was lost, so nothing was written. CancelDesk connects again at the next step.</source>
        <translation>与团队数据库的连接已断开，因此未写入任何内容。取消台会在下一步重新连接。</translation>
    </message>
    <message>
        <source>The team database refused the login. Check the user name and the password (PGPASSWORD, ~/.pgpass or the keychain).</source>
        <translation>团队数据库拒绝了登录。请检查用户名和密码（PGPASSWORD、~/.pgpass 或钥匙串）。</translation>
    </message>
    <message>
        <source>The team database does not exist.</source>
        <translation>团队数据库不存在。</translation>
    </message>
    <message>
        <source>The team database&apos;s disk is full, so nothing was written. Ask its administrator to free some space.</source>
        <translation>团队数据库的磁盘已满，因此未写入任何内容。请联系其管理员释放空间。</translation>
    </message>
    <message>
        <source>The team database is read-only (a standby server?): nothing can be written to it.</source>
        <translation>团队数据库为只读（可能是备用服务器？）：无法写入任何内容。</translation>
    </message>
    <message>
        <source>Cannot read who this team database&apos;s login is: %1</source>
        <translation>无法读取此团队数据库的登录名：%1</translation>
    </message>
    <message>
        <source>Not permitted by the team database: %1.</source>
        <translation>团队数据库不允许此操作：%1。</translation>
    </message>
    <message>
        <source>The team database refused the login of %1: %2</source>
        <translation>团队数据库拒绝了 %1 的登录：%2</translation>
    </message>
    <message>
        <source>the rows of a query were cut short by another statement on the same connection</source>
        <translation>查询的结果行被同一连接上的另一条语句截断</translation>
    </message>
</context>
<context>
    <name>DatabaseLocation</name>
    <message>
        <source>A database URL must not hold a password. Give it in the PGPASSWORD environment variable, in ~/.pgpass (mode 0600) or in the OS keychain.</source>
        <translation>数据库 URL 中不能包含密码。请通过环境变量 PGPASSWORD、~/.pgpass（权限 0600）或系统钥匙串提供密码。</translation>
    </message>
    <message>
        <source>No database is given.</source>
        <translation>未指定数据库。</translation>
    </message>
    <message>
        <source>A database URL starts with postgresql:// or postgres://.</source>
        <translation>数据库 URL 应以 postgresql:// 或 postgres:// 开头。</translation>
    </message>
    <message>
        <source>The database URL names no database: write postgresql://[user@]host[:port]/dbname.</source>
        <translation>数据库 URL 中没有数据库名：请写成 postgresql://[user@]host[:port]/dbname。</translation>
    </message>
    <message>
        <source>The host in the database URL is not valid: give one host name, IPv4 address or [IPv6] address.</source>
        <translation>数据库 URL 中的主机无效：请填写一个主机名、IPv4 地址或 [IPv6] 地址。</translation>
    </message>
    <message>
        <source>The port in the database URL must be a number from 1 to 65535.</source>
        <translation>数据库 URL 中的端口必须是 1 到 65535 之间的数字。</translation>
    </message>
    <message>
        <source>host= in the database URL must be a socket folder (an absolute path); write a host name as postgresql://host/dbname instead.</source>
        <translation>数据库 URL 中的 host= 必须是套接字所在的文件夹（绝对路径）；主机名请写成 postgresql://host/dbname。</translation>
    </message>
    <message>
        <source>Each parameter of the database URL must be written name=value.</source>
        <translation>数据库 URL 的每个参数都必须写成 name=value。</translation>
    </message>
    <message>
        <source>The database URL has an unknown parameter %1. Known parameters: sslmode, sslrootcert, host, port, connect_timeout, application_name, target_session_attrs.</source>
        <translation>数据库 URL 含有未知参数 %1。可用参数：sslmode、sslrootcert、host、port、connect_timeout、application_name、target_session_attrs。</translation>
    </message>
    <message>
        <source>The database URL gives %1 twice.</source>
        <translation>数据库 URL 中 %1 出现了两次。</translation>
    </message>
    <message>
        <source>sslmode in the database URL must be one of disable, allow, prefer, require, verify-ca, verify-full.</source>
        <translation>数据库 URL 中的 sslmode 必须是 disable、allow、prefer、require、verify-ca、verify-full 之一。</translation>
    </message>
    <message>
        <source>target_session_attrs in the database URL must be one of any, read-write, read-only, primary, standby, prefer-standby.</source>
        <translation>数据库 URL 中的 target_session_attrs 必须是 any、read-write、read-only、primary、standby、prefer-standby 之一。</translation>
    </message>
    <message>
        <source>connect_timeout in the database URL must be a whole number of seconds from 1 to %1.</source>
        <translation>数据库 URL 中的 connect_timeout 必须是 1 到 %1 之间的整数秒数。</translation>
    </message>
    <message>
        <source>%1 in the database URL must not contain a semicolon.</source>
        <translation>数据库 URL 中的 %1 不能包含分号。</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <source>Attempt ID</source>
        <translation>尝试 ID</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Payment ID</source>
        <translation>支付 ID</translation>
    </message>
    <message>
        <source>Merchant reference</source>
        <translation>商户订单号</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Reason code</source>
        <translation>原因代码</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>取消原因</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>环境</translation>
    </message>
    <message>
        <source>Idempotency key</source>
        <translation>幂等键</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Provider code</source>
        <translation>服务商返回码</translation>
    </message>
    <message>
        <source>Provider message</source>
        <translation>服务商返回信息</translation>
    </message>
    <message>
        <source>HTTP status</source>
        <translation>HTTP 状态码</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>请求次数</translation>
    </message>
    <message>
        <source>Requested at (UTC)</source>
        <translation>发起时间（UTC）</translation>
    </message>
    <message>
        <source>Requested at (local)</source>
        <translation>发起时间（本地）</translation>
    </message>
    <message>
        <source>Finished at (UTC)</source>
        <translation>完成时间（UTC）</translation>
    </message>
    <message>
        <source>Finished at (local)</source>
        <translation>完成时间（本地）</translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation>耗时（毫秒）</translation>
    </message>
    <message>
        <source>Status before</source>
        <translation>取消前状态</translation>
    </message>
    <message>
        <source>Status after</source>
        <translation>取消后状态</translation>
    </message>
    <message>
        <source>Entry hash</source>
        <translation>条目哈希</translation>
    </message>
    <message>
        <source>Cannot write the export file %1: %2</source>
        <translation>无法写入导出文件 %1：%2</translation>
    </message>
    <message>
        <source>the spreadsheet could not be created</source>
        <translation>无法创建电子表格</translation>
    </message>
    <message>
        <source>Cancel log</source>
        <translation>取消日志</translation>
    </message>
    <message>
        <source>Cancel log %1</source>
        <translation>取消日志 %1</translation>
    </message>
    <message>
        <source>Cannot read the cancel log: %1</source>
        <translation>无法读取取消日志：%1</translation>
    </message>
    <message>
        <source>Cannot read the export manifest %1: %2</source>
        <translation>无法读取导出清单 %1：%2</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>不是 JSON 对象</translation>
    </message>
    <message>
        <source>it holds no valid head</source>
        <translation>其中没有有效的链头</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>SHA-256 is not available</source>
        <translation>SHA-256 不可用</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n 分钟前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n 小时前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n 天前</numerusform>
        </translation>
    </message>
    <message>
        <source>No cancel deadline is known.</source>
        <translation>没有已知的取消期限。</translation>
    </message>
    <message>
        <source>Cancel deadline: %1 (your time)</source>
        <translation>取消期限：%1（本地时间）</translation>
    </message>
    <message>
        <source>Cancel deadline: %1 (your time)
%2 (provider&apos;s time)</source>
        <translation>取消期限：%1（本地时间）
%2（服务商时间）</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>Production — real payments</source>
        <translation>生产环境 — 真实支付</translation>
    </message>
    <message>
        <source>Provider test — no real money</source>
        <translation>服务商测试环境 — 不涉及真实资金</translation>
    </message>
    <message>
        <source>Sandbox — built-in simulator, no real money</source>
        <translation>沙箱 — 内置模拟器，不涉及真实资金</translation>
    </message>
    <message>
        <source>Sandbox — no real money</source>
        <translation>沙箱 — 不涉及真实资金</translation>
    </message>
</context>
<context>
    <name>Guidance</name>
    <message>
        <source>The cancel window has passed: refund the payment instead.</source>
        <translation>取消期限已过：请改为退款。</translation>
    </message>
    <message>
        <source>Check the payment ID; the provider does not know it. Do not retry blindly.</source>
        <translation>请核对支付 ID，服务商查无此笔支付。请勿盲目重试。</translation>
    </message>
    <message>
        <source>The payment&apos;s status does not allow a cancel: refresh it, check it, and contact the provider&apos;s support if it looks wrong.</source>
        <translation>该支付的状态不允许取消：请刷新并核对状态，如有异常请联系服务商客服。</translation>
    </message>
    <message>
        <source>The payment has already been (partly) refunded and can no longer be cancelled.</source>
        <translation>该支付已（部分）退款，无法再取消。</translation>
    </message>
    <message>
        <source>The request was refused because of the connection settings (client ID, keys, signature): fix the configuration.</source>
        <translation>请求因连接设置（客户端 ID、密钥、签名）被拒绝：请修正配置。</translation>
    </message>
    <message>
        <source>The merchant balance is too low: retry once it is funded.</source>
        <translation>商户余额不足：请在充值后重试。</translation>
    </message>
    <message>
        <source>The provider is busy: back off and try again later.</source>
        <translation>服务商繁忙：请稍候再试。</translation>
    </message>
    <message>
        <source>The outcome is still unknown: contact the provider&apos;s support.</source>
        <translation>结果仍未知：请联系服务商客服。</translation>
    </message>
</context>
<context>
    <name>HttpClient</name>
    <message>
        <source>The CA certificate file %1 could not be read or holds no PEM certificate; only the system&apos;s certificates are trusted.</source>
        <translation>无法读取 CA 证书文件 %1，或其中没有 PEM 证书；仅信任系统证书。</translation>
    </message>
</context>
<context>
    <name>Importer</name>
    <message>
        <source>The value of %1 is missing.</source>
        <translation>缺少 %1 的值。</translation>
    </message>
    <message>
        <source>Unknown provider &quot;%1&quot;.</source>
        <translation>未知的服务商“%1”。</translation>
    </message>
    <message>
        <source>Unknown currency &quot;%1&quot;.</source>
        <translation>未知的币种“%1”。</translation>
    </message>
    <message>
        <source>Amount &quot;%1&quot;: %2</source>
        <translation>金额“%1”：%2</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not an ISO-8601 time with an offset (e.g. 2026-03-02T10:00:00+08:00).</source>
        <translation>%1 的值“%2”不是带时差偏移的 ISO-8601 时间（例如 2026-03-02T10:00:00+08:00）。</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>文件为空。</translation>
    </message>
    <message>
        <source>The header row cannot be read.</source>
        <translation>无法读取表头行。</translation>
    </message>
    <message>
        <source>The header row is not valid UTF-8.</source>
        <translation>表头行不是有效的 UTF-8。</translation>
    </message>
    <message>
        <source>The column %1 appears twice in the header.</source>
        <translation>列 %1 在表头中出现了两次。</translation>
    </message>
    <message>
        <source>Required columns are missing: %1.</source>
        <translation>缺少必需的列：%1。</translation>
    </message>
    <message>
        <source>The row is longer than %1 bytes.</source>
        <translation>该行超过 %1 字节。</translation>
    </message>
    <message>
        <source>A quoted value is not closed before the end of the file.</source>
        <translation>有带引号的值直到文件末尾仍未闭合。</translation>
    </message>
    <message>
        <source>The row has %1 values but the header has %2.</source>
        <translation>该行有 %1 个值，但表头有 %2 个。</translation>
    </message>
    <message>
        <source>The row is not valid UTF-8.</source>
        <translation>该行不是有效的 UTF-8。</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message>
        <source>The JSON file is larger than %1 MB; import it as CSV.</source>
        <translation>JSON 文件大于 %1 MB，请改为以 CSV 格式导入。</translation>
    </message>
    <message>
        <source>The file is not valid JSON (at byte %1: %2).</source>
        <translation>文件不是有效的 JSON（第 %1 字节处：%2）。</translation>
    </message>
    <message>
        <source>The JSON file must hold an array of orders or {&quot;orders&quot;: [...]}.</source>
        <translation>JSON 文件必须包含订单数组或 {&quot;orders&quot;: [...]}。</translation>
    </message>
    <message>
        <source>The entry is not a JSON object.</source>
        <translation>该条目不是 JSON 对象。</translation>
    </message>
    <message>
        <source>The value of %1 is not text.</source>
        <translation>%1 的值不是文本。</translation>
    </message>
    <message>
        <source>%1: only .csv and .json files can be imported.</source>
        <translation>%1：只能导入 .csv 和 .json 文件。</translation>
    </message>
    <message>
        <source>%1 cannot be opened: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Payment %1 of %2 is already on line %3.</source>
        <translation>%2 的支付 %1 已在第 %3 行出现。</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>未导入任何内容：%1</translation>
    </message>
    <message>
        <source>Nothing was imported: line %1: %2</source>
        <translation>未导入任何内容：第 %1 行：%2</translation>
    </message>
</context>
<context>
    <name>LiquidoParser</name>
    <message>
        <source>it does not start with a date (year-month-day)</source>
        <translation>开头不是日期（年-月-日）</translation>
    </message>
    <message>
        <source>the date does not exist</source>
        <translation>该日期不存在</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time Liquido sends: %2.</source>
        <translation>“%1”不是 Liquido 使用的时间格式：%2。</translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation>内容为空</translation>
    </message>
    <message>
        <source>it is too long</source>
        <translation>内容过长</translation>
    </message>
    <message>
        <source>it has a date but no time of day</source>
        <translation>只有日期，没有时刻</translation>
    </message>
    <message>
        <source>the date and the time of day are not separated</source>
        <translation>日期与时刻之间没有分隔</translation>
    </message>
    <message>
        <source>the time of day is not hours:minutes[:seconds]</source>
        <translation>时刻不是“时:分[:秒]”格式</translation>
    </message>
    <message>
        <source>the fraction of a second is malformed</source>
        <translation>秒的小数部分格式错误</translation>
    </message>
    <message>
        <source>the time of day does not exist</source>
        <translation>该时刻不存在</translation>
    </message>
    <message>
        <source>it has no time zone</source>
        <translation>缺少时区</translation>
    </message>
    <message>
        <source>the time zone offset is malformed</source>
        <translation>时区偏移格式错误</translation>
    </message>
    <message>
        <source>the time zone is not UTC, GMT or an offset</source>
        <translation>时区不是 UTC、GMT 或偏移量</translation>
    </message>
    <message>
        <source>the time zone is malformed</source>
        <translation>时区格式错误</translation>
    </message>
    <message>
        <source>unexpected text after the time zone</source>
        <translation>时区之后有多余的文字</translation>
    </message>
    <message>
        <source>Liquido&apos;s field %1 has the wrong type.</source>
        <translation>Liquido 的字段 %1 类型错误。</translation>
    </message>
    <message>
        <source>Liquido&apos;s answer has no %1.</source>
        <translation>Liquido 的应答缺少 %1。</translation>
    </message>
    <message>
        <source>Liquido&apos;s field %1: %2</source>
        <translation>Liquido 的字段 %1：%2</translation>
    </message>
    <message>
        <source>Liquido&apos;s answer is empty.</source>
        <translation>Liquido 的应答为空。</translation>
    </message>
    <message>
        <source>Liquido answered with a web page instead of JSON.</source>
        <translation>Liquido 返回了网页而不是 JSON。</translation>
    </message>
    <message>
        <source>Liquido&apos;s answer is not valid JSON (%1 at byte %2).</source>
        <translation>Liquido 的应答不是有效的 JSON（第 %2 字节处：%1）。</translation>
    </message>
    <message>
        <source>Liquido&apos;s answer is not a JSON object.</source>
        <translation>Liquido 的应答不是 JSON 对象。</translation>
    </message>
    <message>
        <source>Liquido answered about a different payment.</source>
        <translation>Liquido 返回的是另一笔支付的信息。</translation>
    </message>
    <message>
        <source>Liquido&apos;s amount is negative.</source>
        <translation>Liquido 返回的金额为负数。</translation>
    </message>
    <message>
        <source>Liquido&apos;s amount is not a whole number of minor units.</source>
        <translation>Liquido 返回的金额不是以最小货币单位计的整数。</translation>
    </message>
    <message>
        <source>Liquido&apos;s amount: %1</source>
        <translation>Liquido 返回的金额：%1</translation>
    </message>
    <message>
        <source>Liquido answered with HTTP status %1.</source>
        <translation>Liquido 返回了 HTTP 状态 %1。</translation>
    </message>
    <message>
        <source>Liquido answered, but the payment is %1, not cancelled.</source>
        <translation>Liquido 已应答，但该支付的状态是 %1，并未取消。</translation>
    </message>
    <message>
        <source>Liquido&apos;s access token contains characters a header cannot carry.</source>
        <translation>Liquido 的访问令牌含有无法放入请求头的字符。</translation>
    </message>
    <message>
        <source>Liquido&apos;s token is not a bearer token.</source>
        <translation>Liquido 的令牌不是 Bearer 令牌。</translation>
    </message>
</context>
<context>
    <name>Money</name>
    <message>
        <source>The amount is empty.</source>
        <translation>金额为空。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an ISO 4217 currency code.</source>
        <translation>“%1”不是 ISO 4217 货币代码。</translation>
    </message>
    <message>
        <source>The amount is not a number.</source>
        <translation>金额不是数字。</translation>
    </message>
    <message>
        <source>The amount is negative.</source>
        <translation>金额为负数。</translation>
    </message>
    <message>
        <source>The amount has more decimals than %1 allows.</source>
        <translation>金额的小数位数超过了 %1 允许的位数。</translation>
    </message>
    <message>
        <source>The amount is too large.</source>
        <translation>金额过大。</translation>
    </message>
</context>
<context>
    <name>OrderStatus</name>
    <message>
        <source>Pending</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Requires action</source>
        <translation>待用户操作</translation>
    </message>
    <message>
        <source>Authorised</source>
        <translation>已授权</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>已成功</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>OrderStore</name>
    <message>
        <source>The order has no payment ID.</source>
        <translation>该订单没有支付 ID。</translation>
    </message>
    <message>
        <source>The amount of order %1 is not valid in %2.</source>
        <translation>订单 %1 的金额对 %2 无效。</translation>
    </message>
    <message>
        <source>The amount of order %1 has no currency.</source>
        <translation>订单 %1 的金额缺少币种。</translation>
    </message>
    <message>
        <source>Order %1 of %2: %3</source>
        <translation>%2 的订单 %1：%3</translation>
    </message>
    <message>
        <source>The new order was not stored.</source>
        <translation>新订单未能保存。</translation>
    </message>
</context>
<context>
    <name>ProviderFailure</name>
    <message>
        <source>The provider connection is not configured correctly.</source>
        <translation>服务商连接配置不正确。</translation>
    </message>
    <message>
        <source>The provider refused the credentials.</source>
        <translation>服务商拒绝了凭据。</translation>
    </message>
    <message numerus="yes">
        <source>The provider is limiting requests; try again in %n second(s).</source>
        <translation>
            <numerusform>服务商正在限制请求频率，请在 %n 秒后重试。</numerusform>
        </translation>
    </message>
    <message>
        <source>The provider is limiting requests; try again shortly.</source>
        <translation>服务商正在限制请求频率，请稍后重试。</translation>
    </message>
    <message>
        <source>The provider had an internal error.</source>
        <translation>服务商内部出错。</translation>
    </message>
    <message>
        <source>The provider&apos;s answer could not be trusted or understood.</source>
        <translation>服务商的应答无法信任或无法解析。</translation>
    </message>
    <message>
        <source>The provider does not know this payment.</source>
        <translation>服务商查无此笔支付。</translation>
    </message>
    <message>
        <source>The provider refused the request.</source>
        <translation>服务商拒绝了该请求。</translation>
    </message>
    <message>
        <source>The provider does not offer this operation.</source>
        <translation>服务商不提供此操作。</translation>
    </message>
    <message>
        <source>%1 (%2: %3)</source>
        <translation>%1（%2：%3）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>ReasonFields</name>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Optional; required for the reason Other</source>
        <translation>可选；取消原因为“其他”时必填</translation>
    </message>
</context>
<context>
    <name>RefreshService</name>
    <message>
        <source>%1 is not configured.</source>
        <translation>%1 尚未配置。</translation>
    </message>
    <message>
        <source>Page %1 of the UQPAY list: %2</source>
        <translation>UQPAY 列表第 %1 页：%2</translation>
    </message>
    <message>
        <source>The status was stored, but the unresolved cancel attempt could not be reconciled: %1</source>
        <translation>状态已保存，但未决的取消尝试无法对账：%1</translation>
    </message>
</context>
<context>
    <name>SandboxMain</name>
    <message>
        <source>Simulates the UQPAY, Antom and Liquido APIs on 127.0.0.1 for CancelDesk and for testing provider integrations. The first line on stdout is a JSON object with the port, credentials, key files and demo payment ids.</source>
        <translation>在 127.0.0.1 上模拟 UQPAY、Antom 和 Liquido 的 API，供取消台使用及测试服务商对接。标准输出的第一行是一个 JSON 对象，包含端口、凭据、密钥文件和演示支付 ID。</translation>
    </message>
    <message>
        <source>Port to listen on (0 = any free port).</source>
        <translation>监听端口（0 = 任一空闲端口）。</translation>
    </message>
    <message>
        <source>Directory that keeps keys and credentials between runs (default: a temporary directory).</source>
        <translation>在多次运行之间保存密钥和凭据的目录（默认：临时目录）。</translation>
    </message>
    <message>
        <source>JSON file with scripted scenarios per payment.</source>
        <translation>按支付编排场景的 JSON 文件。</translation>
    </message>
    <message>
        <source>Loopback URL that receives signed UQPAY cancel webhooks.</source>
        <translation>接收已签名 UQPAY 取消 webhook 的本机回环地址。</translation>
    </message>
    <message>
        <source>Delay before an accepted UQPAY wallet cancel becomes final.</source>
        <translation>UQPAY 钱包取消被受理后到最终生效的延迟。</translation>
    </message>
    <message>
        <source>Do not log requests to stderr.</source>
        <translation>不在标准错误输出中记录请求。</translation>
    </message>
    <message>
        <source>--port must be a number 0-65535.</source>
        <translation>--port 必须是 0 到 65535 之间的数字。</translation>
    </message>
    <message>
        <source>--async-cancel-ms must be a non-negative number.</source>
        <translation>--async-cancel-ms 必须是非负数。</translation>
    </message>
    <message>
        <source>The sandbox could not start: %1</source>
        <translation>沙箱无法启动：%1</translation>
    </message>
    <message>
        <source>Payments each provider generates besides the demo ones, with deterministic ids (the first line gives their count and id pattern).</source>
        <translation>每个服务商在演示付款之外另行生成的付款笔数，编号固定可复现（第一行给出其笔数和编号格式）。</translation>
    </message>
    <message>
        <source>--demo-count must be a number 0-%1.</source>
        <translation>--demo-count 必须是 0 到 %1 之间的数字。</translation>
    </message>
</context>
<context>
    <name>StoreCopy</name>
    <message>
        <source>The copy failed and was undone: the store copied into is as it was. %1</source>
        <translation>复制失败，所写内容已全部回滚：目标存储保持原样。%1</translation>
    </message>
    <message>
        <source>The store to copy into is not empty (it holds orders, status history, cancel attempts or journal entries): a store is only copied into an empty one. Nothing was written.</source>
        <translation>目标存储不是空的（其中已有订单、状态历史、取消尝试或日志条目）：只能复制到空的存储中。未写入任何内容。</translation>
    </message>
    <message>
        <source>The store to copy into has schema version %1 and needs version %2: run canceldesk-cli team init on it as its owner first. Nothing was written.</source>
        <translation>目标存储的结构版本为 %1，需要版本 %2：请先以其所有者身份对它运行 canceldesk-cli team init。未写入任何内容。</translation>
    </message>
    <message>
        <source>Only the owner of the team database (%1) can copy a store into it: the copy writes other people&apos;s cancels and journal entries. This login is %2. Nothing was written.</source>
        <translation>只有团队数据库的所有者（%1）才能向其中复制存储：复制会写入其他人的取消和日志条目。当前登录账号是 %2。未写入任何内容。</translation>
    </message>
    <message>
        <source>The copy was stopped and undone: the store copied into is as it was.</source>
        <translation>复制已停止，所写内容已全部回滚：目标存储保持原样。</translation>
    </message>
    <message>
        <source>The copied cancel log ends at %1, but the source&apos;s ends at %2.</source>
        <translation>复制后的取消日志止于 %1，但源取消日志止于 %2。</translation>
    </message>
</context>
<context>
    <name>TeamSetup</name>
    <message>
        <source>Team mode needs a PostgreSQL store: pass --db postgresql://… or set [database] url.</source>
        <translation>团队模式需要 PostgreSQL 存储：请传入 --db postgresql://… 或设置 [database] url。</translation>
    </message>
    <message>
        <source>There is no login named %1 on this server. Create it first (CREATE ROLE … LOGIN PASSWORD …).</source>
        <translation>此服务器上没有名为 %1 的登录名。请先创建（CREATE ROLE … LOGIN PASSWORD …）。</translation>
    </message>
    <message>
        <source>This store is not a team store yet: run canceldesk-cli team init first.</source>
        <translation>此存储尚不是团队存储：请先运行 canceldesk-cli team init。</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>approver</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>auditor</source>
        <translation>审计员</translation>
    </message>
</context>
<context>
    <name>UqpayProvider</name>
    <message>
        <source>The cancel request has no idempotency key.</source>
        <translation>取消请求缺少幂等键。</translation>
    </message>
    <message>
        <source>The payment ID is empty.</source>
        <translation>支付 ID 为空。</translation>
    </message>
    <message>
        <source>The UQPAY base URL is not set.</source>
        <translation>未设置 UQPAY 基础 URL。</translation>
    </message>
    <message>
        <source>The UQPAY client ID is not set.</source>
        <translation>未设置 UQPAY 客户端 ID。</translation>
    </message>
    <message>
        <source>The UQPAY API key is not set.</source>
        <translation>未设置 UQPAY API 密钥。</translation>
    </message>
    <message numerus="yes">
        <source>UQPAY refused %n fresh token(s) in a row; another program may be fetching tokens with the same client ID.</source>
        <translation>
            <numerusform>UQPAY 连续拒绝了 %n 个新令牌；可能有其他程序正在使用同一客户端 ID 获取令牌。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>CancelDesk</source>
        <translation>取消台</translation>
    </message>
    <message>
        <source>The settings cannot be used:
%1</source>
        <translation>设置无法使用：
%1</translation>
    </message>
    <message>
        <source>CancelDesk cannot start:
%1</source>
        <translation>取消台无法启动：
%1</translation>
    </message>
    <message>
        <source>The sandbox store %1 cannot be removed.</source>
        <translation>无法删除沙箱数据文件 %1。</translation>
    </message>
    <message>
        <source>The sandbox folder %1 cannot be removed.</source>
        <translation>无法删除沙箱文件夹 %1。</translation>
    </message>
    <message>
        <source>The password could not be saved: %1
CancelDesk will ask for it again next time.</source>
        <translation>无法保存密码：%1
下次取消台会再次询问。</translation>
    </message>
    <message>
        <source>CancelDesk: the console for cancelling payments by hand at UQPAY, Antom and Liquido. With no provider configured it runs against a built-in sandbox.</source>
        <translation>取消台：在 UQPAY、Antom 和 Liquido 手动取消支付的控制台。未配置任何支付服务商时，它连接内置的沙箱运行。</translation>
    </message>
</context>
</TS>
