/** On the workspace: where an organization's users send its notifications on to their own tools. */
export function WebhooksLink() {
  return (
    <p class="muted small">
      <a href="/me/webhooks">Webhook 推送</a>：把本机构的通知推送到办公软件的群机器人或自己的系统
    </p>
  );
}
