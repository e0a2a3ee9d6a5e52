import twilio from 'twilio';

/**
 * The app under test in the README's "Test your own app": a bank's phone login written with
 * the twilio helper library, as an application would write it. The code is delivered by a call
 * that asks for a key first (DtmfInputRequired, which the simulator runs as `random-digit`).
 */
export function createLoginApp(client: twilio.Twilio) {
  let serviceSid: Promise<string> | undefined;
  const verify = async () => {
    serviceSid ??= client.verify.v2.services
      .create({ friendlyName: 'Example Bank', dtmfInputRequired: true })
      .then((service) => service.sid);
    return client.verify.v2.services(await serviceSid);
  };

  return {
    /** POST /login: the user gives their number and we call it. */
    async startLogin(phone: string): Promise<void> {
      await (await verify()).verifications.create({ to: phone, channel: 'call' });
    },

    /** POST /login/code: the user types the code they heard. */
    async finishLogin(phone: string, code: string): Promise<'signed-in' | 'refused'> {
      try {
        const check = await (await verify()).verificationChecks.create({ to: phone, code });
        return check.status === 'approved' ? 'signed-in' : 'refused';
      } catch (error) {
        // 404: no verification open for the number any more; 429: too many tries.
        if (error instanceof twilio.RestException && [404, 429].includes(error.status)) {
          return 'refused';
        }
        throw error;
      }
    },
  };
}
