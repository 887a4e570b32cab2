// Builds the CDK app: the Kompis stack, checked by cdk-nag's AWS Solutions rules at every synth.
import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { KompisStack } from './kompis-stack.js';

/** One environment-agnostic stack, so `cdk synth` needs neither credentials nor lookups. */
export function createKompisApp(props?: AppProps): { app: App; stack: KompisStack } {
  const app = new App(props);
  // cdk-nag 3 is a validation plugin (the v2 Aspects form crashes): findings land in the synth's validation report.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new KompisStack(app, 'Kompis', { description: 'Kompis: an email-first goal coach' });
  return { app, stack };
}
