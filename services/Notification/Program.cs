using ReliefPlatform.Notification;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNotificationService();

var app = builder.Build();

app.UseServiceDefaults();
app.MapNotificationApi();
app.MapDefaultEndpoints();

app.Run();
