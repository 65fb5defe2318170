using System.Net.Mime;
using MassTransit;
using MassTransit.Serialization;

namespace ReliefPlatform.ServiceDefaults.Messaging;

/// <summary>
/// Sends an outbox row's stored JSON as the message body, labelled as MassTransit's raw JSON serializer labels its own
/// (content type <c>application/json</c>; message id, types, correlation and conversation in the transport's headers),
/// so consumers read it exactly as a message MassTransit serialized. Like MassTransit's <c>CopyBodySerializer</c>,
/// which forwards a received body unchanged.
/// </summary>
internal sealed class StoredJsonSerializer(string body) : RawMessageSerializer, IMessageSerializer
{
    public ContentType ContentType => SystemTextJsonRawMessageSerializer.JsonContentType;

    public MessageBody GetMessageBody<T>(SendContext<T> context) where T : class
    {
        SetRawMessageHeaders(context);
        return new StringMessageBody(body);
    }
}
