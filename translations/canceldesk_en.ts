<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AntomKey</name>
    <message>
        <source>The RSA key has only %1 bits; at least %2 are needed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppSession</name>
    <message>
        <source>The built-in sandbox could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelCheck</name>
    <message>
        <source>The outcome of the earlier cancel (attempt %1) is unknown. Cancelling again retries that same attempt with the same key and reason; no second cancel is made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A cancel of this payment is in progress (attempt %1). Do not cancel it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not configured in this environment, so nothing can be sent to it. Add its credentials in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%2 asked to cancel this payment; the cancel awaits a second person&apos;s approval (attempt %1). Do not cancel it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A cancel of this payment by %2 is in progress (attempt %1). Do not cancel it again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Providers</name>
    <message>
        <source>The provider address is not secure (https is required).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider refused the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider&apos;s server name could not be found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secure connection to the provider could not be established.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A network error interrupted the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider redirected the request elsewhere; it was not followed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider&apos;s answer was too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox&apos;s first line is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox&apos;s merchant private key file cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox&apos;s Antom public key file cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox announced an address that is not on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox&apos;s announcement lacks a client ID.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Providers::Antom::AntomProvider</name>
    <message>
        <source>No Antom client ID is configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Antom client ID contains characters that are not allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Antom base URL is not a valid web address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Antom base URL must be the host only, e.g. https://open-sea-global.alipay.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Antom base URL must use https; plain http is allowed only to this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Antom key version must be 1 or higher.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merchant private key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Antom public key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Antom payment ID is empty or longer than 64 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request could not be signed with the merchant private key.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Providers::Liquido::LiquidoProvider</name>
    <message>
        <source>The Liquido API address must be an https:// URL (http:// only on this computer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Liquido token address must be an https:// URL (http:// only on this computer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Liquido client ID or client secret is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Liquido API key is missing or contains line breaks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment ID is empty.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::AboutDialog</name>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL client (libpq)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none open)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CancelDesk %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About CancelDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel payments at UQPAY, Antom and Liquido, with a tamper-evident cancel log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copies the versions, the store and the settings file, for a support request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:</source>
        <extracomment>A form&apos;s label, e.g. &quot;Version:&quot;; Chinese takes a full-width colon.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::AddOrderDialog</name>
    <message>
        <source>Add order by payment ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment &amp;ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the payment ID from the provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No provider is configured. Add credentials in the settings first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a&amp;nother</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrieving %1 from %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: payment %1 was not added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added %1 payment %2: %3, status %4 (%5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider did not return the payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 payment %2 could not be added: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::ApprovalsDock</name>
    <message>
        <source>Approvals queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Approve…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Decline…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No cancel is waiting for approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The approvals queue could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a cancel waiting for approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This request has lapsed: it can no longer be approved or declined.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancels waiting for approval</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::ApprovalsModel</name>
    <message>
        <source>lapsed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request lapses at %1 (your time).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requester</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left to approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::ApproveDialog</name>
    <message>
        <source>You asked for this cancel: another person must approve it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approval deadline:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Note for the requester:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required to decline: why not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Approve and send…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve this cancel?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending the approved cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approval result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (your time) · lapsed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (your time) · lapses in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This request has lapsed: it waited past its approval deadline and can no longer be approved. Nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment %1 is not in the order list. Add or refresh it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This payment can no longer be cancelled; nothing was sent. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve and send the cancel of payment %1 (%2, %3), requested by %4? It is sent at once, with the requester&apos;s idempotency key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve and send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approving and writing the cancel log…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not approved — nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declining needs a note for the requester: say why not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declined — nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 asked for this cancel; your note tells them why not: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel attempt #%1 is in the cancel log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::BulkCancelDialog</name>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel several payments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Will it be sent?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel &amp;reason (for all):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep payments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Will be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Will be sent (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: the payment is not in the order list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome not known yet — do not cancel this payment again. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) selected.</source>
        <translation>
            <numerusform>%n order selected.</numerusform>
            <numerusform>%n orders selected.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n will be sent.</source>
        <translation>
            <numerusform>%n will be sent.</numerusform>
            <numerusform>%n will be sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n will not be sent.</source>
        <translation>
            <numerusform>%n will not be sent.</numerusform>
            <numerusform>%n will not be sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Cancel %n payment(s)</source>
        <translation>
            <numerusform>&amp;Cancel %n payment</numerusform>
            <numerusform>&amp;Cancel %n payments</numerusform>
        </translation>
    </message>
    <message>
        <source>%v of %m sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment is not in the order list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded: %1 · Rejected: %2 · Outcome unknown: %3 · Not sent: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Will be sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;opy report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the report to the clipboard, tab-separated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the report as a CSV file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected by %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — retry it here, never as a new cancel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · </source>
        <extracomment>amounts in different currencies are listed, never added</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total to cancel: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total sent to cancel: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n sent.</source>
        <translation>
            <numerusform>%n sent.</numerusform>
            <numerusform>%n sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not sent.</source>
        <translation>
            <numerusform>%n not sent.</numerusform>
            <numerusform>%n not sent.</numerusform>
        </translation>
    </message>
    <message>
        <source>Type the number of payments to cancel (%1) to confirm:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&amp;Retry unresolved (%n)</source>
        <translation>
            <numerusform>&amp;Retry unresolved (%n)</numerusform>
            <numerusform>&amp;Retry unresolved (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Send the unresolved cancels again as the same attempts, with the same idempotency keys — never new cancels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not make new cancels of the payments with an unknown outcome: retry them here (the same attempts, with the same keys) or let a refresh reconcile them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report is on the clipboard (tab-separated).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report could not be written to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export bulk cancel report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report saved to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders to cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::CancelDialog</name>
    <message>
        <source>Cancel payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel this payment?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel &amp;reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the last 4 characters of the payment ID to confirm:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment %1 is not in the order list. Add or refresh it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This payment can no longer be cancelled; nothing was sent. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the payment and writing the cancel log…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::CancelLogModel</name>
    <message>
        <source>The cancel log cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merchant reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused by CancelDesk before anything left this computer: %1 never received this cancel, so it did not reject it. The payment is as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::CancelLogView</name>
    <message>
        <source>Requested between</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both days are included; times in your time zone (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;utcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All reasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Verify log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks the hash chain of the whole cancel log and names the first entry that was changed or removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the cancel log…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log check failed at entry %1 (attempt %2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copies the head as SEQ:HASH. Keep it outside CancelDesk: Verify against… proves later that nothing up to it was removed or changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify &amp;against…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks the cancel log against a head or an export manifest kept earlier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head: unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head: entry 0 (the cancel log is empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head: entry %1 · %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head of the cancel log: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 is still there with the expected hash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today and the 6 days before it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the first day of this month to today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 cancel attempt shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n cancel attempts shown</source>
        <translation>
            <numerusform>%n cancel attempt shown</numerusform>
            <numerusform>%n cancel attempts shown</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel attempts that match the filters. The cancel log holds several entries for each attempt, one for every change of its state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an attempt to see its reason, note and the provider&apos;s answer in full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt %1 · %2 · payment %3 · %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider&apos;s answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chain verified: 1 log entry (every state change of every attempt, whole log) intact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Chain verified: %n log entries (every state change of every attempt, whole log) intact.</source>
        <translation>
            <numerusform>Chain verified: %n log entry (every state change of every attempt, whole log) intact.</numerusform>
            <numerusform>Chain verified: %n log entries (every state change of every attempt, whole log) intact.</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking the cancel log… %1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification stopped before the end: nothing was verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel log entries</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::DatabaseLoginDialog</name>
    <message>
        <source>The team database needs the password of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team database did not accept the password of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team database did not accept the saved password of %1. It may have been changed: type the new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CancelDesk cannot reach the team database. Check the network and the server, then connect again. If the server wants a password, type it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team database login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember the password in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::DesktopNotifier</name>
    <message numerus="yes">
        <source>Cancel deadline in under %n minute(s)</source>
        <translation>
            <numerusform>Cancel deadline in under %n minute</numerusform>
            <numerusform>Cancel deadline in under %n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 can still be cancelled, for a few minutes more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n orders can still be cancelled, for a few minutes more: %1</source>
        <translation>
            <numerusform>%n order can still be cancelled, for a few minutes more: %1</numerusform>
            <numerusform>%n orders can still be cancelled, for a few minutes more: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>not in the list any more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A cancel has settled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The unresolved cancel of %1 has settled: the payment is %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::Eligibility</name>
    <message>
        <source>The cancel window closed at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment cannot be cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <extracomment>%1 why the payment cannot be cancelled, %2 what to do instead (two sentences)</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::ExportDialog</name>
    <message>
        <source>Attempts requested from %1 to %2, both days included (time zone %3), matching the filters of the cancel log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All dates, matching the filters of the cancel log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancel log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (comma-separated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbook (XLSX)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start with a byte order mark (lets Excel read Chinese correctly)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines files (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the file to export to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export stopped; no file was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported 1 row to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n rows to %1.</source>
        <translation>
            <numerusform>Exported %n row to %1.</numerusform>
            <numerusform>Exported %n rows to %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Its manifest, with the cancel log&apos;s head: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column titles in the current language instead of the keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header row names each column in the current language (&quot;Payment ID&quot;) in place of its stable key (payment_id). Leave it off for files a script reads.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::FileSecretStore</name>
    <message>
        <source>The file %1 holds secrets but other users may read it. Run: chmod 600 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder of %1 cannot be created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 cannot be created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 cannot be made private.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 cannot be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file %1 (readable only by you)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::FirstRunPanel</name>
    <message>
        <source>Welcome to CancelDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name is recorded with every cancel in the cancel log. It is filled in from your computer account; change it if the log should show another name. You can cancel a sandbox order right away.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Operator name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::ImportDialog</name>
    <message>
        <source>Choose a file of orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders (*.csv *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a CSV or JSON file to preview it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s): %L1 good (%L2 unchanged), %L3 bad</source>
        <translation>
            <numerusform>%Ln row: %L1 good (%L2 unchanged), %L3 bad</numerusform>
            <numerusform>%Ln rows: %L1 good (%L2 unchanged), %L3 bad</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing has been written yet. Import writes the good rows in one transaction; bad rows are skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing to import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Imported: %Ln order(s) written.</source>
        <translation>
            <numerusform>Imported: %Ln order written.</numerusform>
            <numerusform>Imported: %Ln orders written.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln order(s) were already up to date.</source>
        <translation>
            <numerusform>%Ln order was already up to date.</numerusform>
            <numerusform>%Ln orders were already up to date.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln bad row(s) skipped.</source>
        <translation>
            <numerusform>%Ln bad row skipped.</numerusform>
            <numerusform>%Ln bad rows skipped.</numerusform>
        </translation>
    </message>
    <message>
        <source>Rows that will not be imported:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No bad rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a merchant export (CSV or JSON) with the columns provider, payment_id, amount and currency. The file is checked first; nothing is written until you press Import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path of a .csv or .json file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems found in the file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::ImportIssueModel</name>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::KeychainSecretStore</name>
    <message>
        <source>The system keychain did not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret %1 could not be stored in the system keychain: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret %1 could not be removed from the system keychain: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::LocalSecretStore</name>
    <message>
        <source>The secret %1 could not be stored.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::MainWindow</name>
    <message>
        <source>CancelDesk — payment cancellation console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About CancelDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The orders could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrieve the selected orders&apos; status from the providers (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh all visible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrieve the status of every order in the list (Shift+F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh every order that is not final at this interval (minutes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel payment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bulk cancel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the selected eligible orders with one reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add by ID…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrieve a payment from its provider by its ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import orders from a CSV or JSON file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync UQPAY…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch UQPAY&apos;s payment intents for a date range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every cancel attempt, with filters, export and verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search payment IDs and merchant references (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancellable now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiring within 1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unresolved cancels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All methods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PRODUCTION — cancels affect real payments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PROVIDER TEST — the providers&apos; test systems; no real money</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SANDBOX — built-in simulator on 127.0.0.1:%1 with demo payments; no real money</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SANDBOX — no real money</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select one order to cancel it (Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the selected payment (Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot be cancelled: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2 refreshed, %3 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) with a confirmed cancel need review.</source>
        <translation>
            <numerusform>%n conflict with a confirmed cancel needs review.</numerusform>
            <numerusform>%n conflicts with a confirmed cancel need review.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unresolved cancel(s) settled.</source>
        <translation>
            <numerusform>%n unresolved cancel settled.</numerusform>
            <numerusform>%n unresolved cancels settled.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel log — CancelDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Refresh stopped: %1 of %n order(s) done, %2 failed.</source>
        <translation>
            <numerusform>Refresh stopped: %1 of %n order done, %2 failed.</numerusform>
            <numerusform>Refresh stopped: %1 of %n orders done, %2 failed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refreshed %1 of %n order(s); %2 failed.</source>
        <translation>
            <numerusform>Refreshed %1 of %n order; %2 failed.</numerusform>
            <numerusform>Refreshed %1 of %n orders; %2 failed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Resumed %n cancel(s) interrupted in an earlier session: %1 succeeded, %2 rejected, %3 outcome unknown.</source>
        <translation>
            <numerusform>Resumed %n cancel interrupted in an earlier session: %1 succeeded, %2 rejected, %3 outcome unknown.</numerusform>
            <numerusform>Resumed %n cancels interrupted in an earlier session: %1 succeeded, %2 rejected, %3 outcome unknown.</numerusform>
        </translation>
    </message>
    <message>
        <source>Interrupted cancels resumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry the earlier cancel of the selected payment (Del). %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied payment ID %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Copied %n payment ID(s)</source>
        <translation>
            <numerusform>Copied %n payment ID</numerusform>
            <numerusform>Copied %n payment IDs</numerusform>
        </translation>
    </message>
    <message>
        <source>Search all orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the current filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>No match in “%1” — %n order(s) match in all orders.</source>
        <translation>
            <numerusform>No match in “%1” — %n order matches in all orders.</numerusform>
            <numerusform>No match in “%1” — %n orders match in all orders.</numerusform>
        </translation>
    </message>
    <message>
        <source>Payment %1 cannot be cancelled: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment %1 cannot be cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset sandbox…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the built-in sandbox afresh: new demo payments, an empty sandbox cancel log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No provider is configured in this environment: nothing can be refreshed or cancelled. Open Settings (Ctrl+,) to add a provider&apos;s credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancels are recorded as made by %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the built-in sandbox afresh?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox&apos;s payments, the sandbox&apos;s order list and its cancel log are deleted and new demo payments are created. The provider test and production stores are not touched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team store %1 — signed in as %2, who holds no CancelDesk role: ask the store&apos;s owner for one (canceldesk-cli team grant).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team store %1 — signed in as %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes made at other consoles show here within 2 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live (polling)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes made at other consoles and by the CLI are checked for every second.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection lost — reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store cannot be reached: the list may be out of date, and nothing you do now can be saved until the connection is back. CancelDesk keeps trying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not following other consoles</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Approvals waiting: %n</source>
        <translation>
            <numerusform>Approvals waiting: %n</numerusform>
            <numerusform>Approvals waiting: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Show the approvals queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Newest %1 shown; reading all %Ln order(s)…</source>
        <translation>
            <numerusform>Newest %1 shown; reading the %Ln order…</numerusform>
            <numerusform>Newest %1 shown; reading all %Ln orders…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln order(s) shown</source>
        <translation>
            <numerusform>%1 of %Ln order shown</numerusform>
            <numerusform>%1 of %Ln orders shown</numerusform>
        </translation>
    </message>
    <message>
        <source>User guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user guide is not installed. CancelDesk looked for it in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-refresh interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desktop &amp;notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell me when an unresolved cancel settles, and when an order that can be cancelled is under 5 minutes from its deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This desktop has no system tray to show notifications in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::MemorySecretStore</name>
    <message>
        <source>memory (this session only)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::OrderListView</name>
    <message>
        <source>Copy payment ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the payment IDs of the selected orders (Ctrl+C)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::OrderSummaryWidget</name>
    <message>
        <source>Environment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merchant reference:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel deadline:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The full amount is cancelled. Partial cancels are not possible; use a refund for part of the amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (provider: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (your time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (your time) · %2 (provider&apos;s time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none known</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::OrderTableModel</name>
    <message>
        <source>%1 (shared)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · charged back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · cancel unresolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider status: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other orders at %1 share this merchant reference; check which one to cancel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merchant reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>awaiting approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>awaiting approval (asked by %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>being cancelled by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>being cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::ProviderStrip</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to open its settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to test the connection (a read-only status query).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain is not available on this computer. Secrets are stored in %1 instead; the file is refused if other users can read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UQPAY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Antom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liquido</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Operator name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel &amp;window overrides:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (the built-in cancel windows)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request &amp;timeout (ms):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum &amp;retries:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry &amp;backoff base (ms):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Confirmation timeout (s):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long a sent cancel is polled before it is marked unresolved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Poll interval (ms):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests at once per provider:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On behalf of (account ID):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merchant time zone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTC, an offset like +08:00, or a zone name like Asia/Shanghai.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use Antom&apos;s sandbox paths (/ams/sandbox/api)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merchant private key (PEM):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Antom public key (PEM):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file must be readable only by you (chmod 600).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: verifies response signatures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client secret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>•••••• (unchanged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>will be stored in %1 when you save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>will be removed when you save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stored in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>written in the configuration file (new secrets go to %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch to Production? Cancels will be sent to real payments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch to Production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in cancel windows apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel window overrides: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The override file is valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder of %1 cannot be created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configuration file %1 cannot be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configuration file %1 cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Typed confirmation from this &amp;amount, in each payment&apos;s own currency:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1000 means 1,000.00 USD, 1,000 JPY, 1,000.000 KWD; amounts are never converted. 0 asks for every cancel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (from your computer account)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded with every cancel. Empty: the name of your computer account is used, as shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asks each configured provider for the status of a payment that does not exist, with the settings as entered (not yet saved). Nothing is changed at the provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>* Required to use this provider. Leave every field empty to not use it in this environment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No provider is configured: the console uses its built-in sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No provider is configured for this environment: there is nothing to test.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team &amp;database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: the orders and the cancel log are kept in a file on this computer. A postgresql:// address (without a password) shares them with your team; CancelDesk asks for the password when it connects and keeps it in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::StatusView</name>
    <message>
        <source>import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added by ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an order to see its live status, its history and whether it can still be cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merchant reference:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel deadline:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrieve this order&apos;s status from the provider now (F5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 — shared by %n order(s)</source>
        <translation>
            <numerusform>%1 — shared by %n order</numerusform>
            <numerusform>%1 — shared by %n orders</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (provider: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 provider time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can be cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last synced %1 — stale, refresh before deciding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last synced %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can be cancelled. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot be cancelled: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider fields (from the last status retrieval)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider reported %1 after the confirmed cancel; %2 kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict reviewed; %1 kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First status: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (provider: %2 → %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider status: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider status: %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latest retrieval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider reported the same status again (%1). Only changes are kept; this is the latest check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not configured: enter its credentials in Settings to refresh or cancel this order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the last sync failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the status was last read %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status not confirmed — refresh first (%1). By the last status read it could be cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status not confirmed — refresh first (%1). By the last status read it cannot be cancelled: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider fields</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::SyncDialog</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The start must be before the end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to UQPAY as %1 to %2 UTC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 of %L2 payment intents done, %L3 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking UQPAY for the first page…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped before UQPAY answered: nothing was stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Stopped: %Ln payment intent(s) stored.</source>
        <translation>
            <numerusform>Stopped: %Ln payment intent stored.</numerusform>
            <numerusform>Stopped: %Ln payment intents stored.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sync finished: %Ln payment intent(s) stored.</source>
        <translation>
            <numerusform>Sync finished: %Ln payment intent stored.</numerusform>
            <numerusform>Sync finished: %Ln payment intents stored.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln payment intent(s) could not be stored (see below).</source>
        <translation>
            <numerusform>%Ln payment intent could not be stored (see below).</numerusform>
            <numerusform>%Ln payment intents could not be stored (see below).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln order(s) contradict a confirmed cancel and need review.</source>
        <translation>
            <numerusform>%Ln order contradicts a confirmed cancel and needs review.</numerusform>
            <numerusform>%Ln orders contradict a confirmed cancel and need review.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync UQPAY payment intents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stores every UQPAY payment intent created in the range. Antom and Liquido have no list API: add their payments by ID or import them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UQPAY is not configured. Add its credentials in the settings first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created &amp;after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created &amp;before:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times are in your local time (%1). Both bounds are exclusive, as UQPAY documents: an intent created exactly at the start or the end is not included.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::TypedConfirmation</name>
    <message>
        <source>Typed confirmation is required for every cancel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Typed confirmation is required for amounts of %1 or more in each payment&apos;s own currency.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Typed confirmation is required for amounts of %1 or more in the payment&apos;s currency.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; </source>
        <comment>separator of a list of amounts</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Typed confirmation is required for amounts of %1 or more in each payment&apos;s own currency (here: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Typed confirmation is required for amounts of %1 or more in the payment&apos;s currency (here: %2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::UserGuideWindow</name>
    <message>
        <source>CancelDesk user guide</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelDesk::Ui::VerifyAgainstDialog</name>
    <message>
        <source>Verify against a kept head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a head copied earlier (SEQ:HASH), or give the manifest an export wrote beside its file (FILE.manifest.json). The check fails unless that entry is still in the cancel log with the same hash and the whole log verifies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SEQ:HASH or the path of an export manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Choose manifest…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an export manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export manifests (*.manifest.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Export of %1 (%n row(s)), written %2 UTC; head %3.</source>
        <translation>
            <numerusform>Export of %1 (%n row), written %2 UTC; head %3.</numerusform>
            <numerusform>Export of %1 (%n rows), written %2 UTC; head %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not a head (SEQ:HASH, the entry number and its 64 hex digit hash) nor an export manifest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept head or manifest file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelJournal</name>
    <message>
        <source>Prepared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unresolved (outcome unknown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment %1 already has a cancel in progress (attempt %2, %3). It was not sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The idempotency key is already used by another attempt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment ID is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The operator&apos;s name is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown environment &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new cancel attempt must start as PREPARED.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel attempt %1 not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel attempt %1 is final (%2) and cannot change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 of cancel attempt %2 cannot change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel attempt %1 was already sent; it cannot go back to PREPARED.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel attempt %1 is handled by another process (%2, process %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the journal: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 comes where entry %2 should be: entries are missing or out of order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 does not follow the entry before it: its previous hash does not match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 was altered: its hash does not match its content.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel attempt %1 has no journal entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journal entry %1, the latest of cancel attempt %2, is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel attempt %1 points to journal entry %2, but its latest entry is %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel attempt %1 does not carry the hash of its latest journal entry %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel attempt %1 differs from its latest journal entry %2 in %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 belongs to cancel attempt %2, which does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A reconciled cancel attempt ends SUCCEEDED or REJECTED, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an unresolved cancel attempt can be reconciled; attempt %1 is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel attempt %1 was handed over to recovery; this process no longer handles it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel attempt %1 is still being handled: its owner renewed its lease.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an unresolved cancel attempt can be retried; attempt %1 is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 is missing: the cancel log ends at entry %2, so entries were removed after the expected head was taken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1&apos;s hash differs from the expected head: the cancel log was rewritten up to or at this entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired (not approved in time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel attempt %1 is awaiting approval: nothing was sent, and it can only be approved, declined or lapse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel attempt %1 cannot be recorded as %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 was altered: it is older than its column %2, which holds a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declining a cancel needs a note for the requester.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The approver&apos;s name is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel attempt %1 is not awaiting approval (it is %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 requested this cancel and cannot approve or decline it: another person must.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The approval request for cancel attempt %1 has lapsed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel attempt %1 has not lapsed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelOutcome</name>
    <message>
        <source>Cancel attempt #%1 is in the cancel log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written to the cancel log; sending to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to %1; waiting for its answer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 accepted the cancel; waiting for it to become final…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State: %1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another cancel of this payment is in progress. Do not cancel it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled — %1 confirms the payment is cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent — %1 was not contacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome unknown (unresolved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome unknown — do not make a new cancel of this payment. A status refresh reconciles it; pressing Cancel again retries this same attempt with the same key, never a second cancel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests sent with the same idempotency key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for approval — nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declined — nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not approved in time — nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome not known yet — do not cancel this payment again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider code: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider message: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP status: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelPolicy</name>
    <message>
        <source>The payment is already cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment failed, so there is nothing to cancel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment&apos;s status is not known, so the cancel window cannot be checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider reported a status that contradicts a confirmed cancel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider does not allow cancelling payments made with this method.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment cannot be cancelled in its current status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cancel window has closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A refund has already been made, and the provider refuses to cancel a refunded payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment has been charged back by the payer&apos;s bank.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing more needs doing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund the payment instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh the status from the provider, then decide again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact the provider&apos;s support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review the conflict and the provider&apos;s records before doing anything else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the provider&apos;s final result, then refresh the status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment has already succeeded. Whether it can still be cancelled today depends on the payment channel; the provider may refuse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payer has paid but the provider&apos;s final result is still awaited; the provider may refuse the cancel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel rules (%1), provider &quot;%2&quot;, rule &quot;%3&quot;: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel rules (%1), provider &quot;%2&quot;: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel rules (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown key &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid JSON at character %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the document must be a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;version&quot; must be %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;providers&quot; must be an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;timezone&quot; is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;timezone&quot; is not a valid time zone: &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;blocked&quot; must be a list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each entry of &quot;blocked&quot; must be an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;rules&quot; is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;rules&quot; must be a list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each rule must be an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a rule without an &quot;id&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the id is used twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown flag &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;never&quot; must be true or false.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;when&quot; must be a list (or the rule must say &quot;never&quot;: true).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each entry of &quot;when&quot; must be an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an entry of &quot;when&quot; needs &quot;statuses&quot; or &quot;raw_statuses&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown status &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown warning &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;deadline&quot; is missing or not an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown &quot;cap&quot; &quot;%1&quot; (only &quot;auth_expiry&quot; is known).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;time&quot; must be a time of day as HH:MM, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;day_offset&quot; must be a whole number of days from 0 to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;zone&quot; is not a valid time zone: &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown deadline kind &quot;%1&quot; (known: none, after_creation, after_payment, local_cutoff, method_deadline).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number above 0 (and at most 400 days).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a deadline after creation or payment needs exactly one of &quot;minutes&quot;, &quot;hours&quot; or &quot;days&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a non-empty list of text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown reason &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot;: unknown action &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in cancel rules are missing (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the cancel rules override file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cancel rules override file %1 is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (override file: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the provider is missing.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelReason</name>
    <message>
        <source>Requested by customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fraudulent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other (note required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note is required when the reason is Other.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note is longer than %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CancelService</name>
    <message>
        <source>Payment %1 cannot be cancelled: %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment %1 is cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not configured correctly, so payment %2 was not cancelled and nothing was sent. Check the provider settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cancel of payment %1 was stopped before it was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused to cancel payment %2 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The outcome of cancelling payment %1 is unknown. Do not cancel it again; it will be reconciled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cancel of payment %1 was interrupted; it will be resumed with the same key when CancelDesk starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment ID is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The operator&apos;s name is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment %1 is not in the order list. Add or refresh it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not configured, so the interrupted cancel of payment %2 cannot be resumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment became %1 instead of cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped before anything was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped before it was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment %1 was not cancelled and nothing was sent: the cancel log in %2 cannot be written. %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cancel log in %1 cannot be written, so the cancel of payment %2 was stopped; it will be resumed with the same key. %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not configured, so the earlier cancel of payment %2 cannot be retried. Nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cancel of payment %1 may already have reached %2, but its outcome could not be learned: %3 The attempt stays open and will be resumed with the same key; do not cancel it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This process stopped handling the cancel of payment %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cancel of payment %1 waits for a second person to approve it. Nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cancel of payment %1 was declined. Nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cancel of payment %1 was not approved in time. Nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>%1 %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configuration file %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No provider is configured. For the sandbox, start canceldesk-sandbox, save its first output line to a file (mode 600) and name that file in CANCELDESK_SANDBOX_ANNOUNCEMENT or [general] sandbox_announcement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No provider is configured in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--provider must be uqpay, antom or liquido.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: orders add --provider uqpay|antom|liquido --id PAYMENT_ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment could not be added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added %1 %2: %3 %4 %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>orders list takes no arguments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--status must be one of PENDING, REQUIRES_ACTION, AUTHORIZED, SUCCEEDED, CANCELLED, FAILED, UNKNOWN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--format must be table, csv or json for orders list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n order</numerusform>
            <numerusform>%n orders</numerusform>
        </translation>
    </message>
    <message>
        <source>Usage: orders import FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1 order(s), %2 unchanged, %3 row(s) with problems.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were not imported.</source>
        <translation>
            <numerusform>%n row was not imported.</numerusform>
            <numerusform>%n rows were not imported.</numerusform>
        </translation>
    </message>
    <message>
        <source>Usage: refresh PAYMENT_ID … or refresh --all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment %1 is not in the local store; add it first with &quot;orders add&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refreshed %1 of %2 order(s); %3 failed, %4 conflict(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) could not be refreshed.</source>
        <translation>
            <numerusform>%n order could not be refreshed.</numerusform>
            <numerusform>%n orders could not be refreshed.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel payment %1 (%2 %3) at %4? Type yes to confirm: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: cancel PAYMENT_ID --reason CODE [--note TEXT] [--provider P] [--yes]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--reason must be one of: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment %1 exists at several providers (%2); choose one with --provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not cancelled: there is no terminal to confirm on. Pass --yes to cancel without asking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: log export --out FILE [--format csv|xlsx|jsonl] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--no-bom]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--format must be csv, xlsx or jsonl for log export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 must be a date written YYYY-MM-DD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--from is after --to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n cancel log entry(ies) to %1.</source>
        <translation>
            <numerusform>Exported %n cancel log entry to %1.</numerusform>
            <numerusform>Exported %n cancel log entries to %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>log verify takes no arguments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The cancel log is intact: %n entry(ies) checked.</source>
        <translation>
            <numerusform>The cancel log is intact: %n entry checked.</numerusform>
            <numerusform>The cancel log is intact: %n entries checked.</numerusform>
        </translation>
    </message>
    <message>
        <source>The cancel log has been altered: entry %1 (attempt %2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--lang must be en or zh_CN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration file (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator name recorded in the cancel log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of messages: en or zh_CN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LANG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print one JSON object per command result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider: uqpay, antom or liquido.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment ID (orders add).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PAYMENT_ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normalised status filter (orders list).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output format: table|csv|json (orders list), csv|xlsx|jsonl (log export).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FORMAT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh every order (refresh).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel reason: requested_by_customer, duplicate, fraudulent, abandoned or other (other needs --note).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CODE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note for the cancel log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel without asking for confirmation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export file (log export).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First day of the export, inclusive, in your time zone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the CSV export without a UTF-8 byte order mark.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The command and its arguments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>COMMAND …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run canceldesk-cli --help for the commands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No command given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown command: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recover takes no arguments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n unfinished attempt(s) resumed.</source>
        <translation>
            <numerusform>%n unfinished attempt resumed.</numerusform>
            <numerusform>%n unfinished attempts resumed.</numerusform>
        </translation>
    </message>
    <message>
        <source>Unfinished cancel attempts could not be resumed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resumed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n unresolved cancel attempt(s) settled from the provider&apos;s status.</source>
        <translation>
            <numerusform>%n unresolved cancel attempt settled from the provider&apos;s status.</numerusform>
            <numerusform>%n unresolved cancel attempts settled from the provider&apos;s status.</numerusform>
        </translation>
    </message>
    <message>
        <source>The status of %1 could not be refreshed (%2); deciding on the stored status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manifest with the cancel log&apos;s head: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log head takes no arguments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give --expect-head or --expect-manifest, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--expect-head %1 is not SEQ:HASH: the entry number and its 64 hex digit hash, as log head prints it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 is still there with the expected hash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A head kept earlier (log head) that log verify must still find.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SEQ:HASH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An export manifest whose head log verify must still find.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cancel log check was stopped before it finished: nothing was verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--db: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order and cancel log store: a SQLite file (default: %1, one per environment) or a team&apos;s postgresql://[user@]host[:port]/dbname URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE|URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve cancel attempt %1: payment %2 (%3) at %4, requested by %5? Type yes to confirm: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database is now a team store. Give each person&apos;s login one role with: team grant LOGIN operator|approver|auditor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now a CancelDesk %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No approval thresholds: no cancel waits for a second person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancels of %1 or more now need a second person&apos;s approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancels in %1 no longer need approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1  %2 %3  %4  requested by %5 at %6, lapses at %7</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n cancel(s) awaiting approval.</source>
        <translation>
            <numerusform>%n cancel awaiting approval.</numerusform>
            <numerusform>%n cancels awaiting approval.</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no cancel attempt %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not approved: there is no terminal to confirm on. Pass --yes to approve without asking.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not approved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declined cancel attempt %1 (payment %2). Nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last day of the export, inclusive, in your time zone (log export); the empty store to copy into, a postgresql:// URL or a SQLite file (db copy).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM-DD|URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: db copy --to URL (a postgresql:// URL of an empty team database, or a SQLite file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--to names the store being copied: give another one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store to copy into (%1) cannot be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1 orders, %2 status changes, %3 cancel attempts, %4 journal entries and %5 approval thresholds; the copied cancel log verifies and its head %6 matches the source&apos;s.</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Config</name>
    <message>
        <source>The file %1 holds a secret but other users may read it. Run: chmod 600 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: [%2] %3 must be a whole number from %4 to %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: [%2] %3 must be true or false.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: [%2] %3 is not a valid http(s) URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: [%2] %3 must use https (plain http is allowed only to this computer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: [%2] %3: the file %4 cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: [%2] %3 is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: [uqpay] timezone must be UTC, an offset like +08:00, or a zone name like Asia/Shanghai.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: [uqpay] set api_key or api_key_file, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: [antom] private_key_file: %2 is not a usable RSA private key (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: [antom] antom_public_key_file: %2 is not a usable RSA public key (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configuration file %1 cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configuration file %1 is not a valid INI file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: [general] environment must be sandbox, test or production.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox announcement file %1 cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: [antom] antom_public_key_file is required in the production environment: without Antom&apos;s public key, forged answers would be trusted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: [antom] antom_public_key_file is not set: Antom&apos;s answers are not verified. This is allowed only outside production.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not a regular file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 belongs to another user, who could change what CancelDesk does. Use a file of your own (copy it, or run: chown $USER %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 may be changed by other users, and it decides what CancelDesk does (such as where keys are sent). Run: chmod go-w %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: [database] %2 is not allowed: a database password is never read from the settings file. Give it in the PGPASSWORD environment variable, in ~/.pgpass (mode 0600) or in the OS keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: [database] url: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionCheck</name>
    <message>
        <source>not configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>configured, not contacted yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>credentials refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>settings unusable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not reachable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>Unknown database schema version %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is busy: another CancelDesk window or command is writing to it. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not a CancelDesk database, or it is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The program&apos;s database migrations are broken (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database %1 was written by a newer CancelDesk (schema version %2; this program knows up to %3). Use a newer CancelDesk, or another database file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database %1 is already at schema version %2, past %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot upgrade the database %1 to schema version %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is read-only: CancelDesk cannot write to it. Check the permissions of the file and of its folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full: the database cannot grow, so nothing was written. Free some space and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database file cannot be opened. Check that it and its folder exist and are writable (a read-only folder cannot hold the database&apos;s -wal and -shm files).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password file %1 is not a private file (it must have mode 0600): CancelDesk does not use it. Run: chmod 600 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team mode needs Qt&apos;s PostgreSQL driver, which is not installed (Debian: libqt6sql6-psql).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the schema in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team database is busy: another CancelDesk is writing to it. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the team database was lost, so nothing was written. CancelDesk connects again at the next step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team database refused the login. Check the user name and the password (PGPASSWORD, ~/.pgpass or the keychain).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team database does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team database&apos;s disk is full, so nothing was written. Ask its administrator to free some space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team database is read-only (a standby server?): nothing can be written to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read who this team database&apos;s login is: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not permitted by the team database: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team database refused the login of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the rows of a query were cut short by another statement on the same connection</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatabaseLocation</name>
    <message>
        <source>A database URL must not hold a password. Give it in the PGPASSWORD environment variable, in ~/.pgpass (mode 0600) or in the OS keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No database is given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A database URL starts with postgresql:// or postgres://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database URL names no database: write postgresql://[user@]host[:port]/dbname.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host in the database URL is not valid: give one host name, IPv4 address or [IPv6] address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The port in the database URL must be a number from 1 to 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host= in the database URL must be a socket folder (an absolute path); write a host name as postgresql://host/dbname instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each parameter of the database URL must be written name=value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database URL has an unknown parameter %1. Known parameters: sslmode, sslrootcert, host, port, connect_timeout, application_name, target_session_attrs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database URL gives %1 twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sslmode in the database URL must be one of disable, allow, prefer, require, verify-ca, verify-full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target_session_attrs in the database URL must be one of any, read-write, read-only, primary, standby, prefer-standby.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect_timeout in the database URL must be a whole number of seconds from 1 to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in the database URL must not contain a semicolon.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <source>Attempt ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merchant reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idempotency key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested at (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested at (local)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished at (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished at (local)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the export file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the spreadsheet could not be created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel log %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the cancel log: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the export manifest %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it holds no valid head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 is not available</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message>
        <source>No cancel deadline is known.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel deadline: %1 (your time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel deadline: %1 (your time)
%2 (provider&apos;s time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Production — real payments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider test — no real money</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox — built-in simulator, no real money</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox — no real money</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Guidance</name>
    <message>
        <source>The cancel window has passed: refund the payment instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the payment ID; the provider does not know it. Do not retry blindly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment&apos;s status does not allow a cancel: refresh it, check it, and contact the provider&apos;s support if it looks wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment has already been (partly) refunded and can no longer be cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was refused because of the connection settings (client ID, keys, signature): fix the configuration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The merchant balance is too low: retry once it is funded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider is busy: back off and try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The outcome is still unknown: contact the provider&apos;s support.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HttpClient</name>
    <message>
        <source>The CA certificate file %1 could not be read or holds no PEM certificate; only the system&apos;s certificates are trusted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Importer</name>
    <message>
        <source>The value of %1 is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown provider &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown currency &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not an ISO-8601 time with an offset (e.g. 2026-03-02T10:00:00+08:00).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header row cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header row is not valid UTF-8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The column %1 appears twice in the header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required columns are missing: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The row is longer than %1 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A quoted value is not closed before the end of the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The row has %1 values but the header has %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The row is not valid UTF-8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JSON file is larger than %1 MB; import it as CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not valid JSON (at byte %1: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JSON file must hold an array of orders or {&quot;orders&quot;: [...]}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The entry is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The value of %1 is not text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: only .csv and .json files can be imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment %1 of %2 is already on line %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was imported: line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LiquidoParser</name>
    <message>
        <source>it does not start with a date (year-month-day)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the date does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time Liquido sends: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has a date but no time of day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the date and the time of day are not separated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the time of day is not hours:minutes[:seconds]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the fraction of a second is malformed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the time of day does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has no time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the time zone offset is malformed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the time zone is not UTC, GMT or an offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the time zone is malformed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected text after the time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liquido&apos;s field %1 has the wrong type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liquido&apos;s answer has no %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liquido&apos;s field %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liquido&apos;s answer is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liquido answered with a web page instead of JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liquido&apos;s answer is not valid JSON (%1 at byte %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liquido&apos;s answer is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liquido answered about a different payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liquido&apos;s amount is negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liquido&apos;s amount is not a whole number of minor units.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liquido&apos;s amount: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liquido answered with HTTP status %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liquido answered, but the payment is %1, not cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liquido&apos;s access token contains characters a header cannot carry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liquido&apos;s token is not a bearer token.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Money</name>
    <message>
        <source>The amount is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an ISO 4217 currency code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount is negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount has more decimals than %1 allows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount is too large.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderStatus</name>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requires action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authorised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderStore</name>
    <message>
        <source>The order has no payment ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount of order %1 is not valid in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount of order %1 has no currency.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new order was not stored.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProviderFailure</name>
    <message>
        <source>The provider connection is not configured correctly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider refused the credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The provider is limiting requests; try again in %n second(s).</source>
        <translation>
            <numerusform>The provider is limiting requests; try again in %n second.</numerusform>
            <numerusform>The provider is limiting requests; try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>The provider is limiting requests; try again shortly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider had an internal error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider&apos;s answer could not be trusted or understood.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider does not know this payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider refused the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider does not offer this operation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2: %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReasonFields</name>
    <message>
        <source>&amp;Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional; required for the reason Other</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefreshService</name>
    <message>
        <source>%1 is not configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1 of the UQPAY list: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The status was stored, but the unresolved cancel attempt could not be reconciled: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SandboxMain</name>
    <message>
        <source>Simulates the UQPAY, Antom and Liquido APIs on 127.0.0.1 for CancelDesk and for testing provider integrations. The first line on stdout is a JSON object with the port, credentials, key files and demo payment ids.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port to listen on (0 = any free port).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directory that keeps keys and credentials between runs (default: a temporary directory).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON file with scripted scenarios per payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loopback URL that receives signed UQPAY cancel webhooks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay before an accepted UQPAY wallet cancel becomes final.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not log requests to stderr.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--port must be a number 0-65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--async-cancel-ms must be a non-negative number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payments each provider generates besides the demo ones, with deterministic ids (the first line gives their count and id pattern).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--demo-count must be a number 0-%1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreCopy</name>
    <message>
        <source>The copy failed and was undone: the store copied into is as it was. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store to copy into is not empty (it holds orders, status history, cancel attempts or journal entries): a store is only copied into an empty one. Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store to copy into has schema version %1 and needs version %2: run canceldesk-cli team init on it as its owner first. Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the owner of the team database (%1) can copy a store into it: the copy writes other people&apos;s cancels and journal entries. This login is %2. Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The copy was stopped and undone: the store copied into is as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The copied cancel log ends at %1, but the source&apos;s ends at %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeamSetup</name>
    <message>
        <source>Team mode needs a PostgreSQL store: pass --db postgresql://… or set [database] url.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no login named %1 on this server. Create it first (CREATE ROLE … LOGIN PASSWORD …).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This store is not a team store yet: run canceldesk-cli team init first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>approver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auditor</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UqpayProvider</name>
    <message>
        <source>The cancel request has no idempotency key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment ID is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UQPAY base URL is not set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UQPAY client ID is not set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UQPAY API key is not set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>UQPAY refused %n fresh token(s) in a row; another program may be fetching tokens with the same client ID.</source>
        <translation>
            <numerusform>UQPAY refused %n fresh token in a row; another program may be fetching tokens with the same client ID.</numerusform>
            <numerusform>UQPAY refused %n fresh tokens in a row; another program may be fetching tokens with the same client ID.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>CancelDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings cannot be used:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CancelDesk cannot start:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox store %1 cannot be removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox folder %1 cannot be removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password could not be saved: %1
CancelDesk will ask for it again next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CancelDesk: the console for cancelling payments by hand at UQPAY, Antom and Liquido. With no provider configured it runs against a built-in sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
