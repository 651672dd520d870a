import{M as e,i as t,a as s,A as o,b as a}from"./ha-vitals.js";import{d as i}from"./ha-vitals-editor-D4eHf0Kl.js";const n=[{name:"entity",required:!0,selector:{entity:{}}},{name:"name",selector:{text:{}}},{type:"grid",name:"",schema:[{name:"stat",selector:{select:{mode:"dropdown",options:e.map(e=>({value:e,label:e}))}}},{name:"window",selector:{text:{}}},{name:"decimals",selector:{number:{min:0,max:10,mode:"box"}}},{name:"direction",selector:{select:{mode:"dropdown",options:["above","below"].map(e=>({value:e,label:"above"===e?"Higher is worse":"Lower is worse"}))}}}]},{name:"show_stats",selector:{boolean:{}}},{name:"show_sparkline",selector:{boolean:{}}}],r={stat:"current",window:"5m",direction:"above",show_stats:!0,show_sparkline:!0},c={entity:"Entity",name:"Name",stat:"Show",window:"Window (e.g. 5m, 1h)",decimals:"Decimals",direction:"Direction",show_stats:"Show rolling statistics",show_sparkline:"Show sparkline"};class l extends s{setConfig(e){this._config={...e}}get formData(){return{...r,...this._config}}render(){return this._config?customElements.get("ha-form")?a`<ha-form
      .hass=${this.hass}
      .data=${this.formData}
      .schema=${n}
      .computeLabel=${e=>c[e.name]??e.name}
      @value-changed=${this.valueChanged}
    ></ha-form>`:a`<p class="hint">The visual editor needs Home Assistant's form elements; edit this card in YAML.</p>`:o}valueChanged(e){e.stopPropagation();const t={...this._config,...e.detail.value};for(const[e,s]of Object.entries(t))""!==s&&null!=s||delete t[e];const s=i(t,this._config??{},r);this._config=s,this.dispatchEvent(new CustomEvent("config-changed",{detail:{config:s},bubbles:!0,composed:!0}))}}l.properties={hass:{attribute:!1},_config:{state:!0}},l.styles=t`
    .hint {
      color: var(--secondary-text-color, #727272);
    }
  `,customElements.get("vitals-metric-card-editor")||customElements.define("vitals-metric-card-editor",l);export{n as METRIC_EDITOR_SCHEMA,l as VitalsMetricCardEditor};
