using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using ReliefPlatform.Contracts;
using ReliefPlatform.Contracts.Eligibility;
using ReliefPlatform.Contracts.Intake;
using ReliefPlatform.Contracts.Notifications;
using ReliefPlatform.Contracts.Payments;
using ReliefPlatform.Contracts.Shared;
using ReliefPlatform.IntegrationTests.Eligibility;
using ReliefPlatform.IntegrationTests.Intake;
using ReliefPlatform.IntegrationTests.Platform;

namespace ReliefPlatform.IntegrationTests.Notification;

/// <summary>People and provincial systems hear about every step, exactly once (SMS, inbox, signed webhooks).</summary>
[Collection(PlatformCollection.Name)]
public sealed class NotificationTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    private static string NewPhone() => "139" + Random.Shared.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);

    private async Task<Guid> SubmitDibaoAsync(string applicant, string county, string phone, params string[] others)
    {
        var body = ApplicationRequests.Dibao(applicant, county, others);
        body["applicant"] = new { idNumber = applicant, name = "张三", phone };
        using var response = await Gateway.PostAsJsonAsync("/api/intake/applications", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetGuid();
    }

    private async Task<JsonElement[]?> InboxAsync(string idNumber) =>
        (await Gateway.GetFromJsonAsync<JsonElement>($"/api/notifications/inbox?idNumber={idNumber}&pageSize=100")).GetProperty("items").EnumerateArray().ToArray();

    private async Task<JsonElement[]?> SmsAsync(string phone) =>
        (await Gateway.GetFromJsonAsync<JsonElement>($"/api/notifications/sandbox/sms?phone={phone}")).EnumerateArray().ToArray();

    [Fact]
    public async Task An_approved_dibao_application_sends_one_sms_and_one_inbox_message_in_chinese_with_its_amount_and_a_repeated_event_sends_nothing_more()
    {
        var applicant = TestIds.New();
        var phone = NewPhone();
        var applicationId = await SubmitDibaoAsync(applicant, "361102", phone, TestIds.New());
        await new ProcedureDriver(platform).ApproveInXinzhouAsync(applicationId);

        var inbox = await Eventually.ReturnsAsync(() => InboxAsync(applicant),
            items => items!.Any(m => m.GetProperty("eventType").GetString() == "application.approved"), "the approval in the inbox");
        var approved = inbox.Single(m => m.GetProperty("eventType").GetString() == "application.approved");
        var text = approved.GetProperty("body").GetString()!;
        Assert.Contains("1,201.00元", text, StringComparison.Ordinal); // R6: 2 × 870 − 539, the amount the assessment decided
        Assert.Contains("张*您好", text, StringComparison.Ordinal);
        Assert.Contains(applicationId.ToString(), text, StringComparison.Ordinal);
        Assert.DoesNotContain(applicant, text, StringComparison.Ordinal);
        Assert.False(approved.GetProperty("read").GetBoolean());

        var sms = await Eventually.ReturnsAsync(() => SmsAsync(phone), s => s!.Length >= 2, "the received and approved SMS");
        var approvalSms = Assert.Single(sms, s => s.GetProperty("text").GetString()!.Contains("1,201.00元", StringComparison.Ordinal));
        Assert.StartsWith("【上饶社会救助】张*您好，您的最低生活保障申请", approvalSms.GetProperty("text").GetString(), StringComparison.Ordinal);

        // The same decision again: redelivered (same message id) and republished (a new message id).
        var bus = await platform.StartTestBusAsync();
        try
        {
            var repeat = new EligibilityAssessed(applicationId, Guid.NewGuid(), DateTimeOffset.UtcNow, Scheme.Dibao, null, AssessmentOutcome.Eligible,
                "dibao", 1201.00m, "重复", "repeat", [new RuleTraceStep("R6", "…", "…")]);
            var messageId = NewId.NextGuid();
            var republished = NewId.NextGuid();
            await bus.Publish(repeat, ctx => ctx.MessageId = messageId);
            await bus.Publish(repeat, ctx => ctx.MessageId = messageId);
            await bus.Publish(repeat, ctx => ctx.MessageId = republished);
            await platform.WaitUntilHandledAsync(ResourceNames.NotificationDb, messageId, republished);
        }
        finally
        {
            await bus.StopAsync();
        }

        Assert.Single((await InboxAsync(applicant))!, m => m.GetProperty("eventType").GetString() == "application.approved");
        Assert.Single((await SmsAsync(phone))!, s => s.GetProperty("text").GetString()!.Contains("1,201.00元", StringComparison.Ordinal));

        // Read / unread for frontends.
        var messageIdOfApproval = approved.GetProperty("messageId").GetGuid();
        using var read = await Gateway.PostAsync($"/api/notifications/inbox/{messageIdOfApproval}/read", null);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var unread = await Gateway.GetFromJsonAsync<JsonElement>($"/api/notifications/inbox?idNumber={applicant}&unread=true");
        Assert.DoesNotContain(unread.GetProperty("items").EnumerateArray(), m => m.GetProperty("messageId").GetGuid() == messageIdOfApproval);
        using (var again = await Gateway.PostAsync($"/api/notifications/inbox/{messageIdOfApproval}/read", null))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        // Marking it read is on the audit trail under the caller, once (reading it again changes nothing).
        using var auditor = await platform.ClientForPersonAsync(DevelopmentPeople.Auditor);
        var marked = Assert.Single((await auditor.GetFromJsonAsync<JsonElement>($"/api/notifications/audit?entityId={messageIdOfApproval}&pageSize=100")).GetProperty("items").EnumerateArray());
        Assert.Equal(("read", DevelopmentClients.Province), (marked.GetProperty("action").GetString(), marked.GetProperty("actorId").GetString()));

        // Intake's timeline records the notices without moving the application past its real step.
        var application = await Gateway.GetFromJsonAsync<JsonElement>($"/api/intake/applications/{applicationId}");
        await Eventually.TrueAsync(async () =>
            (await Gateway.GetFromJsonAsync<JsonElement>($"/api/intake/applications/{applicationId}")).GetProperty("timeline").EnumerateArray()
                .Any(e => e.GetProperty("stage").GetString() == "notified"), "the notice on intake's timeline");
        Assert.NotEqual("notified", application.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_decision_that_overtakes_its_application_waits_for_the_applicant_and_is_told_once_it_arrives()
    {
        // The assessment and the application travel on separate queues: a decision can arrive first, when notification
        // does not know whom to tell yet. It waits (parked), and the application's arrival tells both (received, refused).
        var applicant = TestIds.New();
        var phone = NewPhone();
        var applicationId = Guid.NewGuid();
        var bus = await platform.StartTestBusAsync();
        try
        {
            var decided = NewId.NextGuid();
            await bus.Publish(new EligibilityAssessed(applicationId, Guid.NewGuid(), DateTimeOffset.UtcNow, Scheme.Dibao, null, AssessmentOutcome.NotEligible,
                "dibao", null, "家庭人均收入高于低保标准", "household income above the standard", [new RuleTraceStep("R6", "…", "…")]), ctx => ctx.MessageId = decided);
            await platform.WaitUntilHandledAsync(ResourceNames.NotificationDb, decided);
            Assert.Empty((await InboxAsync(applicant))!);

            var self = new HouseholdMember(applicant, "张三", Relation.Self, [], EmploymentStatus.Unemployed, null, false, false, false, default, default, false);
            await bus.Publish(new ApplicationSubmitted(applicationId, DateTimeOffset.UtcNow, Channel.WalkIn, Scheme.Dibao, null, applicant, "张三", phone, "361102", "361102",
                AreaType.Urban, [self], new Circumstances(0, false, false, false, null), new VerificationAuthorization("张三", DateTimeOffset.UtcNow, AuthorizationMethod.PaperScan, "scan-1"), null));
        }
        finally
        {
            await bus.StopAsync();
        }

        var told = await Eventually.ReturnsAsync(() => InboxAsync(applicant), items => items!.Length >= 2, "the receipt and the parked refusal in the inbox");
        Assert.Equal([NotificationEventTypes.ApplicationReceived, NotificationEventTypes.ApplicationRefused],
            told!.Select(m => m.GetProperty("eventType").GetString()).Order(StringComparer.Ordinal));
        Assert.Contains("家庭人均收入高于低保标准", told.Single(m => m.GetProperty("eventType").GetString() == NotificationEventTypes.ApplicationRefused).GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_statement_of_settled_payments_tells_each_payee_once_even_when_it_comes_again()
    {
        // R11, R12: a reconciliation's settlements arrive as one message; every payee gets their own notice, once.
        var payees = Enumerable.Range(0, 4).Select(_ => TestIds.New()).ToArray();
        PaymentSettled Settled(string payee, int i) => new(Guid.NewGuid(), $"one-time-living-subsidy:test:{payee}", null, "361102", 800m + i,
            DateTimeOffset.UtcNow, payee, "李四", "one-time-subsidy");
        var first = payees.Take(3).Select(Settled).ToList();
        var again = first.Append(Settled(payees[3], 3)).ToList();

        var bus = await platform.StartTestBusAsync();
        try
        {
            var messageId = NewId.NextGuid();
            var withOneMore = NewId.NextGuid();
            await bus.Publish(new PaymentsSettled(DateTimeOffset.UtcNow, first), ctx => ctx.MessageId = messageId);
            await bus.Publish(new PaymentsSettled(DateTimeOffset.UtcNow, first), ctx => ctx.MessageId = messageId);
            await bus.Publish(new PaymentsSettled(DateTimeOffset.UtcNow, again), ctx => ctx.MessageId = withOneMore);
            await platform.WaitUntilHandledAsync(ResourceNames.NotificationDb, messageId, withOneMore);
        }
        finally
        {
            await bus.StopAsync();
        }

        for (var i = 0; i < payees.Length; i++)
        {
            var amount = $"{800 + i:N2}元";
            var inbox = await Eventually.ReturnsAsync(() => InboxAsync(payees[i]),
                items => items!.Any(m => m.GetProperty("eventType").GetString() == "payment.settled"), $"payee {i}'s notice");
            var notice = Assert.Single(inbox!, m => m.GetProperty("eventType").GetString() == "payment.settled");
            Assert.Contains(amount, notice.GetProperty("body").GetString(), StringComparison.Ordinal);
        }

        foreach (var payee in payees)
        {
            Assert.Single((await InboxAsync(payee))!, m => m.GetProperty("eventType").GetString() == "payment.settled");
        }
    }

    private async Task<(Guid Id, string Secret)> SubscribeAsync(WebhookReceiver receiver, string[] eventTypes, string county)
    {
        using var response = await Gateway.PostAsJsonAsync("/api/notifications/subscriptions",
            new { name = "省社会救助信息系统（测试）", callbackUrl = receiver.Url, eventTypes, counties = new[] { county }, createdBy = "测试" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("subscription").GetProperty("subscriptionId").GetGuid(), created.GetProperty("secret").GetString()!);
    }

    private async Task<JsonElement> DeliveryForAsync(Guid subscriptionId, Func<JsonElement, bool> done, string what) =>
        await Eventually.ReturnsAsync(async () =>
            (await Gateway.GetFromJsonAsync<JsonElement>($"/api/notifications/deliveries?subscriptionId={subscriptionId}")).GetProperty("items").EnumerateArray().FirstOrDefault(),
            d => d.ValueKind == JsonValueKind.Object && done(d), what);

    [Fact]
    public async Task A_signed_webhook_reaches_a_receiver_that_fails_twice_then_recovers_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailNext(2);
        var (subscriptionId, secret) = await SubscribeAsync(receiver, ["application.received"], "361127");
        try
        {
            var applicant = TestIds.New("361127");
            var applicationId = await SubmitDibaoAsync(applicant, "361127", NewPhone());

            var delivery = await DeliveryForAsync(subscriptionId, d => d.GetProperty("status").GetString() == "delivered", "the webhook delivered");
            Assert.Equal(3, delivery.GetProperty("attempts").GetInt32());
            var calls = receiver.Calls.Where(c => c.Body.Contains(applicationId.ToString(), StringComparison.Ordinal)).ToList();
            Assert.Equal([503, 503, 204], calls.Select(c => c.AnsweredWith));
            Assert.Single(calls.Select(c => c.Id).Distinct()); // one delivery id: a receiver can drop repeats
            Assert.All(calls, call => Assert.True(WebhookReceiver.Verify(secret, call), "the signature verifies with the subscription's secret"));
            Assert.False(WebhookReceiver.Verify("whsec_" + Convert.ToBase64String(new byte[32]), calls[0]), "another secret does not verify");

            var payload = JsonDocument.Parse(calls[^1].Body).RootElement;
            Assert.Equal("application.received", payload.GetProperty("type").GetString());
            Assert.Equal("361127", payload.GetProperty("county").GetString());
            Assert.Equal(PersonalData.MaskIdNumber(applicant), payload.GetProperty("data").GetProperty("personIdNumber").GetString());
            Assert.DoesNotContain(applicant, calls[^1].Body, StringComparison.Ordinal);

            var detail = await Gateway.GetFromJsonAsync<JsonElement>($"/api/notifications/deliveries/{delivery.GetProperty("deliveryId").GetGuid()}");
            var attempts = detail.GetProperty("attempts").EnumerateArray().ToList();
            Assert.Equal([false, false, true], attempts.Select(a => a.GetProperty("succeeded").GetBoolean()));
            Assert.Equal(503, attempts[0].GetProperty("statusCode").GetInt32());

            // Delivered is final: one delivery of the event, and the receiver answered 204 once.
            Assert.Single((await Gateway.GetFromJsonAsync<JsonElement>($"/api/notifications/deliveries?subscriptionId={subscriptionId}")).GetProperty("items").EnumerateArray());
            Assert.Single(receiver.Calls, c => c.Body.Contains(applicationId.ToString(), StringComparison.Ordinal) && c.AnsweredWith == 204);
        }
        finally
        {
            using var _ = await Gateway.DeleteAsync($"/api/notifications/subscriptions/{subscriptionId}");
        }
    }

    [Fact]
    public async Task A_dead_lettered_webhook_is_replayed_by_an_operator_and_then_delivered_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailNext(int.MaxValue);
        var (subscriptionId, _) = await SubscribeAsync(receiver, ["application.received"], "361128");
        try
        {
            await SubmitDibaoAsync(TestIds.New("361128"), "361128", NewPhone());
            var dead = await DeliveryForAsync(subscriptionId, d => d.GetProperty("status").GetString() == "dead-lettered", "the delivery dead-lettered");
            Assert.Equal(4, dead.GetProperty("attempts").GetInt32()); // Notifications:MaxAttempts of the test platform
            Assert.Contains("503", dead.GetProperty("lastError").GetString(), StringComparison.Ordinal);
            var deliveryId = dead.GetProperty("deliveryId").GetGuid();

            using var noReason = await Gateway.PostAsJsonAsync($"/api/notifications/deliveries/{deliveryId}/replay", new { requestedBy = "运维值班" });
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.True((await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));

            receiver.FailNext(0);
            using var replay = await Gateway.PostAsJsonAsync($"/api/notifications/deliveries/{deliveryId}/replay", new { requestedBy = "运维值班", reason = "接收方已恢复" });
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
            await DeliveryForAsync(subscriptionId, d => d.GetProperty("status").GetString() == "delivered", "the replayed delivery");
            Assert.Single(receiver.Calls, c => c.AnsweredWith == 204);

            // Issue 22: the delivery's attempts are its log, not the audit trail's; the operator's replay is on the trail,
            // under the token's client (not the body's requestedBy), with the reason.
            using var auditor = await platform.ClientForPersonAsync(DevelopmentPeople.Auditor);
            var trail = (await auditor.GetFromJsonAsync<JsonElement>($"/api/notifications/audit?entityId={deliveryId}&pageSize=100")).GetProperty("items").EnumerateArray().ToArray();
            var replayed = Assert.Single(trail);
            Assert.Equal("replayed", replayed.GetProperty("action").GetString());
            Assert.Equal(("client", DevelopmentClients.Province), (replayed.GetProperty("actorKind").GetString(), replayed.GetProperty("actorId").GetString()));
            Assert.Equal("接收方已恢复", replayed.GetProperty("changes").GetProperty("Reason").GetString());

            using var again = await Gateway.PostAsJsonAsync($"/api/notifications/deliveries/{deliveryId}/replay", new { requestedBy = "运维值班", reason = "再来一次" });
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }
        finally
        {
            using var _ = await Gateway.DeleteAsync($"/api/notifications/subscriptions/{subscriptionId}");
        }
    }

    [Fact]
    public async Task An_overdue_lead_is_announced_to_subscribed_systems()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (subscriptionId, secret) = await SubscribeAsync(receiver, ["lead.overdue"], "361130");
        try
        {
            using var raised = await Gateway.PostAsJsonAsync("/api/intake/leads", new
            {
                county = "361130", reporterName = "王五", reporterRole = "grid-worker", method = "home-visit", priorityGroup = "unemployed",
                personName = "赵六", description = "失业三个月，无收入", foundAt = DateTimeOffset.UtcNow.AddDays(-30),
            });
            Assert.Equal(HttpStatusCode.Created, raised.StatusCode);
            var leadId = (await raised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("leadId").GetGuid();

            var call = await Eventually.ReturnsAsync(() => Task.FromResult(receiver.Calls.FirstOrDefault(c => c.Body.Contains(leadId.ToString(), StringComparison.Ordinal))),
                c => c is not null, "the overdue lead's webhook");
            Assert.Equal("lead.overdue", call!.EventType);
            Assert.True(WebhookReceiver.Verify(secret, call));
            Assert.Contains("婺源县", JsonDocument.Parse(call.Body).RootElement.GetProperty("summary").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            using var _ = await Gateway.DeleteAsync($"/api/notifications/subscriptions/{subscriptionId}");
        }
    }

    [Fact]
    public async Task Bad_subscriptions_and_templates_are_refused_naming_each_field()
    {
        using var subscription = await Gateway.PostAsJsonAsync("/api/notifications/subscriptions",
            new { name = "x", callbackUrl = "ftp://example.com/hook", eventTypes = new[] { "application.received", "everything" }, counties = new[] { "999999" }, createdBy = "测试" });
        Assert.Equal(HttpStatusCode.BadRequest, subscription.StatusCode);
        var errors = (await subscription.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("callbackUrl", out _));
        Assert.True(errors.TryGetProperty("eventTypes[1]", out _));
        Assert.True(errors.TryGetProperty("counties[0]", out _));

        using var template = await Gateway.PutAsJsonAsync("/api/notifications/templates/application.approved/en",
            new { title = "Approved", body = "Your IBAN {iban} gets {amount}", updatedBy = "运维" });
        Assert.Equal(HttpStatusCode.BadRequest, template.StatusCode);
        Assert.Contains("{iban}", (await template.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);

        using var unknown = await Gateway.GetAsync("/api/notifications/templates/application.teleported/zh-CN");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var original = await Gateway.GetFromJsonAsync<JsonElement>("/api/notifications/templates/lead.overdue/en");
        using var edited = await Gateway.PutAsJsonAsync("/api/notifications/templates/lead.overdue/en",
            new { title = "Lead overdue", body = "Lead {reference} ({county}) is overdue since {date}.", updatedBy = "运维" });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var stored = await Gateway.GetFromJsonAsync<JsonElement>("/api/notifications/templates/lead.overdue/en");
        Assert.Equal("Lead {reference} ({county}) is overdue since {date}.", stored.GetProperty("body").GetString());
        Assert.Equal("运维", stored.GetProperty("updatedBy").GetString());
        using var restored = await Gateway.PutAsJsonAsync("/api/notifications/templates/lead.overdue/en",
            new { title = original.GetProperty("title").GetString(), body = original.GetProperty("body").GetString(), updatedBy = "运维" });
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
    }
}
